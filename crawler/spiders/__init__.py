"""Scrapy spiders: they only fetch and yield raw pages."""

.PHONY: install test lint bench
install:
	pip install -e '.[test]'
test:
	python -m pytest -q
lint:
	ruff check . && ruff format --check . && mypy
bench:
	python -m benchmarks

"""The bundled demo: small Arabic news sites served on 127.0.0.1 and crawled for real."""

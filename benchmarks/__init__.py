"""Benchmark and corpus tooling for vndoc (rendering test PDFs and scans, timing runs)."""

"""WeCRM: cases, calls, outages and reports."""

"""The demo and the loopback fixture webs the demo, tests and benchmarks crawl."""

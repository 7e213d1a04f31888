"""Demo and benchmark data: generated PACE records, loaded as push would have stored them.

``load.load_demo_data(db, DemoScale(people=150_000, events=3_000, months=36))`` fills a server
database for the statistics benchmark; ``pace-sync-server seed-demo --demo-data`` uses the
default scale (about 2,000 people over 30 events in 18 months) for the demo's dashboards.
``generator.generate`` gives the same records without a database.
"""

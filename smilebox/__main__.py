from smilebox.cli import run

run()

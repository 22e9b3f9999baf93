"""The write stage: the Pelican generator that writes the index, the lesson
pages and reflections.json through Pelican's Writer, and the URLs they live at.
"""

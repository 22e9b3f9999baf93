"""The resolve stage: lesson statements into lessons.

``vocabulary`` reads lessons.yml; ``statements`` turns each statement a post
makes into a known lesson (by title, alias or slug), a near miss or an
ad-hoc lesson. No Pelican imports.
"""

"""`inspect site`: a static, self-contained HTML site of one or several case repositories.

``data`` gathers what the pages show: the figures of ``report.compute`` (the roll-up of
``report.rollup`` for several repositories), exactly as `inspect report` makes them on the
same date, plus the plans and findings as their files write them; ``build`` renders the
pages with Jinja (autoescaped; every value through the one redactor on its way in), a page
per findings file with a section per finding, and writes the whole folder at once
(``output.files.replace_folder``).

Every page carries its CSS and script inline and refers to nothing outside the site, so it
reads the same from ``file://``, from a static host on a closed network, and on a phone.
"""

"""Every user-facing message, in one catalogue.

Call sites pass a key and named values. The English text is the source and the msgid of
the gettext catalogue that translates it (``inspectcli.i18n``); a translation never
touches a call site. A new message needs its Chinese in
``locale/zh_CN/LC_MESSAGES/inspectcli.po`` (``python -m inspectcli.i18n extract``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from inspectcli import i18n
from inspectcli.redact import mask

EN: dict[str, str] = {
    # --- reading files -------------------------------------------------------------
    "empty-file": "the file is empty: a case file starts with `kind:` and `version:`",
    "binary-file": "this is not a text file (it contains NUL bytes); case files are UTF-8 YAML",
    "bom": (
        "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM "
        "(in Notepad: 'UTF-8', not 'UTF-8 with BOM')"
    ),
    "utf16": "the file is UTF-16 encoded; save it as UTF-8",
    "not-utf8-gb18030": (
        "the file is not UTF-8; it looks like GB18030 (GBK). Save {name} again as UTF-8 "
        "(in Notepad or WPS: Save As, Encoding: UTF-8)"
    ),
    "not-utf8": "the file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8",
    "tab-indent": "a tab is used for indentation; YAML allows spaces only",
    "yaml-syntax": "YAML syntax error: {detail}",
    "yaml-colon-in-value": "a value that contains `: ` must be quoted: put the whole value in double quotes, or write this colon as the full-width `：`",
    "yaml-key-indent": "this key does not line up: the keys of one block start at the same column (the key above starts at column {column}); indent it with spaces to match",
    "yaml-item-indent": "this list item does not line up with the item above, which starts at column {column}; the items of one list start at the same column",
    "yaml-list-dash": "a list item needs `- ` at column {column}, like the items above it",
    "yaml-fullwidth-colon": "a full-width colon `：` after the key: write the ASCII colon and a space (`key: value`)",
    "yaml-space-after-colon": "the colon after a key needs a space: write `key: value`",
    "yaml-text-continues": "this line is not `key: value`: a text over several lines is written `key: |` with its lines indented below; a text with `: ` goes in double quotes",
    "yaml-unclosed-quote": "the quote {quote} opened here is never closed: end the value with {quote} on the same line",
    "yaml-unclosed-bracket": "the {open} opened here is never closed: end it with {close} on the same line, with commas between the items",
    "yaml-reserved-start": "a value cannot start with {char}: put the whole value in double quotes",
    "yaml-after-quote": "text after the closing quote: put the whole value inside the quotes",
    "multiple-documents": "the file holds more than one YAML document (`---`); keep one per file",
    "duplicate-key": (
        "duplicate key `{key}` (first at line {first_line}); the second would silently "
        "replace the first: merge them or rename one"
    ),
    "too-deep": "nesting deeper than {limit} levels; case files are never this deep",
    "alias-bomb": (
        "aliases expand to more than {limit} values (an 'alias bomb'); write the data out"
    ),
    "alias-bomb-chars": (
        "aliases expand to more than {limit} million characters of text (an 'alias bomb'); "
        "write the data out"
    ),
    "recursive-alias": "an alias refers to itself; write the data out instead",
    # --- files that are not safe to read, and OS errors ----------------------------
    "not-a-regular-file": "this is {what}, not a file; case files, rosters and templates are regular files: put one here",
    "not-a-regular-file-write": "this is {what}, not a file: it is never replaced; give a file name",
    "file-is-folder": "a folder",
    "file-is-fifo": "a named pipe (FIFO)",
    "file-is-device": "a device",
    "file-is-special": "a special file (a socket or the like)",
    "dangling-symlink": "a symbolic link to something that does not exist; remove the link or restore its target",
    "symlink-loop": "symbolic links that point at each other in a loop ({detail}); remove one of them",
    "is-a-folder": "this is a folder, not a file ({detail}); give a file",
    "file-too-large": "the file is larger than {limit} MB, far more than such a file ever holds; is it the right file?",
    "outside-repository": "the file leads outside the repository (through a symbolic link); copy the file into the repository instead",
    "setting-outside": (
        "`{field}:` leads outside the repository; a committed file may name only files inside it. "
        "A roster kept elsewhere on purpose is named on this machine: INSPECT_ROSTER=PATH, "
        "or `roster: PATH` in inspect.local.yaml (never committed)"
    ),
    "local-settings-tracked": (
        "inspect.local.yaml names files on this machine and must not be committed: "
        "`git rm --cached inspect.local.yaml`, and list it in .gitignore"
    ),
    "local-settings-invalid": "inspect.local.yaml may hold only `roster: PATH`",
    "permission-denied": "permission denied ({detail}); ask for read and write access to it",
    "no-such-file": "no such file ({detail})",
    "disk-full": "the disk is full ({detail}); free some space and run the command again; nothing was written",
    "read-only": "the file system is read-only ({detail}); write somewhere else",
    "os-error": "the file cannot be read or written: {detail}",
    "unknown-tag": "unknown YAML tag `{tag}`; remove it",
    "bad-date": "`{text}` is not a date on the calendar; write the real date as YYYY-MM-DD",
    "merge-key": "YAML merge keys (`<<`) are not supported; write the keys out",
    "complex-key": "a key must be plain text, not a list or a mapping",
    # --- document kind -------------------------------------------------------------
    "not-a-mapping": "a case file must be a mapping that starts with `kind:` and `version:`",
    "missing-kind": "no `kind:` at the top; say what this file is: one of {kinds}",
    "unknown-kind": "unknown kind `{kind}`{hint}; one of {kinds}",
    "schema-out-is-file": "--out {path} is a file; give a folder: the schemas are written into it as KIND.schema.json",
    "schema-write-failed": "cannot write {path}: {detail}; give --out a folder you may write in",
    "unsupported-version": (
        "`{kind}` version {version} is not known to this inspectcli (it reads {known}); "
        "upgrade inspectcli or fix the version"
    ),
    # --- schema --------------------------------------------------------------------
    "unknown-field": "unknown field `{name}`{hint}",
    "missing-field": "required field `{name}` is missing",
    "deadline-missing": (
        "this finding has no `deadline`: write one, or give each of its `measures` a "
        "`deadline` (the finding's is then the latest of them)"
    ),
    "expected-text-got-number": (
        'expected text, but YAML reads `{text}` as a number; put it in quotes: "{text}"'
    ),
    "expected-text-got-bool": (
        'expected text, but YAML reads `{text}` as true/false; put it in quotes: "{text}"'
    ),
    "expected-text": "expected text, got {got}",
    "expected-date": "expected a date written as YYYY-MM-DD (e.g. 2026-09-08), got `{text}`",
    "expected-integer": "expected a whole number, got `{text}`",
    "expected-bool": "expected true or false, got `{text}`",
    "expected-list": "expected a list (lines starting with `- `), got {got}",
    "expected-mapping": "expected a mapping of `key: value` lines, got {got}",
    "expected-choice": "`{text}` is not allowed here; use one of {choices}",
    "too-short": "must not be empty",
    "too-small": "must be at least {limit}",
    "too-small-exclusive": "must be more than {limit}",
    "too-large": "must be at most {limit}",
    "pattern": "`{text}` does not have the expected form ({pattern})",
    "bad-identifier": "`{text}` cannot be an id: an id has 1 to 80 characters, no blanks, slashes or control characters, and does not start with a dot",
    "invalid-value": "{detail}",
    # --- rules inside one document -------------------------------------------------
    "end-before-start": "the round ends ({end}) before it starts ({start})",
    "liaison-not-in-counties": "liaison given for `{county}`, which is not among the plan's counties",
    "liaison-missing": "no liaison for county `{county}` (policy `{policy}`, {source}: one liaison per county)",
    "round-too-long": "the round lasts {days} days, more than the {most} days a round may last ({source})",
    "content-not-for-kind": "content `{code}` is for {meant} rounds only under policy `{policy}` (applies_to), and this round is a {kind}",
    "month-without-round": "no round started in {month}: policy `{policy}` has a round every month (frequency: monthly)",
    "bulletin-missing": "no bulletin for {month} is registered under `issued:` (`bulletin: {month}`): policy `{policy}` circulates one every month (bulletin: monthly)",
    "extension-not-later": (
        "the extension's new deadline {new} is not later than the deadline it extends ({old})"
    ),
    "extension-before-request": "the extension was decided ({decided}) before it was requested ({requested})",
    "dates-backwards": "updates must be in date order: {date} comes after {previous}",
    "households-range": "households per village: the minimum {low} is above the maximum {high}",
    "status-quota-exceeds": (
        "households by status add up to {total}, more than the {high} households per village"
    ),
    "duplicate-in-list": "`{value}` is listed twice",
    "missing-household-place": "the household missing from the register (headed by {head}) needs `location.village` and no `location.household` (it has no id in the register)",
    "tag-without-household": "finding {finding} is tagged for accountability, which counts households, but names no household: add `household:` to its location (or `missing_household:` and its village for a household missing from the register)",
    # --- rules across documents ----------------------------------------------------
    "duplicate-id": "id `{id}` is used again (first in {other}); ids must be unique in the repository: give one of them another id",
    "unknown-plan": "plan `{plan}` does not exist in this repository{hint}",
    "unknown-content-code": "content code `{code}` is not in the catalogue of policy `{policy}`{hint}; use a code that `inspect policy show --repo .` lists",
    "unknown-county": "county `{county}` is not in the roster{hint}",
    "unknown-town": "town `{town}` is not in county `{county}` of the roster{hint}",
    "unknown-village": "village `{village}` is not in town `{town}` of the roster{hint}",
    "unknown-household": "household `{household}` is not in the roster",
    "household-elsewhere": "household `{household}` belongs to {actual} in the roster, not to {given}; correct the location or the household id",
    "finding-outside-county": "this finding lies in `{county}`, but the problem list is for `{document}`; move it to that county's list",
    "location-not-in-plan": "county `{county}` is not among the counties of plan `{plan}`",
    "personal-data-in-text": "this text holds an ID number or a phone number ({numbers}); keep personal data only in the roster's `id_number` and `phone` columns and name the household by its household id: documents, reports and CI logs quote this text",
    "content-outside-plan": "content code `{code}` is outside the content planned for round `{plan}` ({codes}); if the group met this problem outside the plan, keep it, otherwise correct the code or add it to the plan",
    "issued-number-reused": "document number `{number}` is already in use ({other}); a number is never given twice (GB/T 9704 7.2.4): give one of the documents the next free number",
    "deadline-before-round": (
        "the deadline {deadline} is not after the round ended ({end}); "
        "a rectification deadline comes after the inspection"
    ),
    "date-before-round": "{what} ({date}) is before the round ended ({end})",
    "evidence-required": (
        "marked rectified without any evidence, which policy `{policy}` requires before a "
        "finding is closed (销号): add the supporting material under `evidence:` (a label, or "
        "`file: PATH` of a file in the repository)"
    ),
    "evidence-file-outside": (
        "--evidence-file {path}: no such file in the repository; put the file in the "
        "repository (e.g. evidence/FINDING-ID/) and name it from there"
    ),
    "evidence-file-missing": (
        "the evidence file `{file}` is not in the repository; commit it there (a path from "
        "the repository's root, e.g. evidence/2026-09-HC-01/检测报告.pdf) or correct the path"
    ),
    "ledger-column-missing": (
        "`{field}` ({title}) is empty, but the policy's ledger requires it for every "
        "finding ({source}); fill it in"
    ),
    "date-before-round-start": "{what} ({date}) is before the round began ({start})",
    "deadline-before-round-start": (
        "the deadline {deadline} is before the round began ({start}); a problem handled "
        "on the spot or by a supervision letter is due during the round or after it"
    ),
    "sample-below-minimum": (
        "the recorded sample has {actual} {unit}, fewer than the {required} the policy requires"
        " ({source})"
    ),
    "village-sample-below-minimum": (
        "village `{village}` has {actual} {unit} in the sample, fewer than the {required} the "
        "policy requires ({source})"
    ),
    "no-settings": "no inspect.yaml found in {path} or above; cross-file checks are skipped",
    "validate-nothing": "nothing to check: no inspect.yaml in {path} or above and no case file in it; give the folder of a case repository (`inspect init` makes one)",
    "validate-repositories-below": "{path} is not a case repository; checking the {count} found below it: {names} (give one of them to check it alone)",
    "validate-too-many-below": "{path} is not a case repository, and {count} case repositories lie below it ({names}, …): give the one to check (or a few of them)",
    "validate-repository-heading": "== repository {path} ==",
    "no-repository": "no inspect.yaml found in {path} or above: this command works on a case repository (create one with `inspect init`)",
    "no-roster": "the roster `{path}` does not exist; locations cannot be checked",
    "settings-missing": "this repository has no `kind: settings` file (inspect.yaml)",
    "settings-twice": "a second settings file; the repository has one (first: {other})",
    "unknown-preset": "unknown policy preset `{name}`{hint}; known presets: {known}",
    "unknown-preset-unreadable": ". If it is the `name:` of a policy document of the repository, that document cannot be read: correct {files} first",
    "policy-override-invalid": "the policy after applying the overrides is invalid: {detail}",
    # --- roster CSV ----------------------------------------------------------------
    "csv-empty": "the roster is empty; its first line is the header, with at least the columns {required}",
    "csv-missing-columns": "the roster lacks the column(s) {columns}; the header must have {required}",
    "csv-unknown-column": "unknown column `{name}`{hint}",
    "csv-encoding": (
        'read as {encoding} (GBK), the encoding Excel and WPS save "CSV" in on Chinese '
        'Windows; UTF-8 is recommended: save as "CSV UTF-8"'
    ),
    "xlsx-unreadable": (
        "this is not an Excel workbook that can be read; save it again from Excel or WPS "
        "as an .xlsx workbook, or export it as CSV UTF-8"
    ),
    "excel-scientific-notation": (
        "column `{column}` holds numbers in scientific notation (`{example}`, {rows} row(s)): "
        "Excel turned the ids into numbers and kept only 15 digits. Set the column's format "
        "to Text (文本) before pasting the ids, then save or export the roster again"
    ),
    "excel-digits-lost": (
        "{rows} ID numbers of column `{column}` end in 000 (`{example}`): Excel keeps only 15 "
        "digits of a number, so their last digits were lost. Set the column's format to "
        "Text (文本) before pasting the ID numbers, then save or export the roster again"
    ),
    "excel-leading-zeros": (
        "{rows} id(s) of column `{column}` are shorter than its usual {width} digits "
        "(`{example}`): Excel dropped their leading zeros. Set the column's format to Text "
        "(文本) before pasting the ids, then save or export the roster again"
    ),
    "csv-empty-cell": "column `{column}` is empty",
    "csv-empty-cells": "column `{column}` is empty in {rows} rows (lines {first}–{last}; the first rows are shown above): fill it in, or leave out the rows that are no households",
    "status-not-in-policy": "household `{id}`: category {status}{hint} is not one of policy `{policy}`'s categories ({choices}); correct the roster, or use a policy that has it (a policy of the repository may declare it under `own_categories:`)",
    "csv-bad-choice": "`{text}` in column `{column}` is not one of {choices}{hint}",
    "csv-bad-status": "`{text}` in column `status` is not a household category{hint}: write one of {choices}, or its Chinese name",
    "roster-status-unchecked": "{rows} row(s) of column `status`, the first here, name no built-in household category and are not checked: the policy in force (`{policy}`) cannot be read, nor its own categories (`own_categories:`) with it. Correct the policy first; its problems are reported at its file",
    "csv-bad-integer": "`{text}` in column `{column}` is not a whole number",
    "csv-wrong-field-count": "this row has {actual} cells, the header has {expected}",
    "csv-too-many-columns": "the first line has more than {limit} columns: this is not a roster export",
    "csv-syntax": "the roster cannot be read as CSV from this line on ({detail}); check the quotes here",
    "duplicate-household": "household id `{id}` appears again (first at line {first_line})",
    "village-class-conflict": (
        "village `{village}` is `{given}` here but `{first}` at line {first_line}; "
        "a village has one class"
    ),
    # --- command line --------------------------------------------------------------
    "path-not-found": "no such file or folder: {path}",
    "internal-error": "internal error: {detail}. Please report it with the file that caused it.",
    "summary-clean": "{files} file(s) checked, no problems",
    "summary-problems": "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
    "junit-failure": "{count} error(s) in this file",
    "sarif-rule-short": "rule `{code}` of `inspect validate`",
    "sarif-rule-full": "A problem of kind `{code}` found by `inspect validate`; each result's message says what is wrong at its line and how to put it right.",
    "sarif-rule-help": "Run `inspect validate` in the case repository to see every `{code}` problem with its file, line and what to do; the README's section on `inspect validate` describes the rules.",
    "bad-choice": "`{text}` is not allowed for {option}{hint}; one of {choices}",
    "separator": ", ",  # between the parts of a sentence: ，in Chinese
    "enumeration": "{first}, {second}",  # between the items of a list: 、in Chinese
    "did-you-mean": " (did you mean `{name}`?)",
    "verbose-took": "took {seconds} s",
    "verbose-read": "read {files} file(s)",
    "verbose-cache": "cache: {path}",
    "verbose-no-cache": "cache: not used (--no-cache)",
    "verbose-cache-hits": "cache: {hits} file(s) taken from the cache, {loaded} read and checked again",
    "binary-to-terminal": "refusing to write a {kind} file to a terminal; give --out FILE or redirect the output (--out - > FILE)",
    "out-dash-many-files": "--out - cannot be used here: this command writes one file per kind into a folder; give a folder, or leave --out out to print the schemas as JSON",
    # --- calendar ------------------------------------------------------------------
    "weekday-0": "Monday",
    "weekday-1": "Tuesday",
    "weekday-2": "Wednesday",
    "weekday-3": "Thursday",
    "weekday-4": "Friday",
    "weekday-5": "Saturday",
    "weekday-6": "Sunday",
    "calendar-day": "{date} ({weekday})",
    "calendar-quarter": "Q{quarter} {year}",
    "calendar-month": "{year:04d}-{month:02d}",
    "calendar-unnamed-holiday": "public holiday",
    "calendar-weekend": "weekend",
    "calendar-by-repository": " (repository calendar)",
    "calendar-unknown-year": (
        "the holidays of {year} are not known (the chinese-calendar library knows "
        "{first}-{last} and no repository calendar lists a date of {year}): only Saturdays and "
        "Sundays were counted as rest days. Add a `kind: calendar` file with the State "
        "Council's {year} holiday notice, or upgrade chinese-calendar"
    ),
    "calendar-documents-disagree": (
        "{date} is a holiday in one calendar document and a working day in another; "
        "the later document is used"
    ),
    "calendar-start-not-counted": "the start day {start} is not counted",
    "calendar-zero-count": "nothing to count: the result is the start day",
    "calendar-nth-working-day": "working day number {n} after the start is {date}",
    "calendar-holiday-run": "rest days of {name}: {first} to {last}, {count} days{by}",
    "calendar-holiday-single": "rest day of {name}: {date}{by}",
    "calendar-makeup-day": "make-up working day{for_name}: {date}{by}",
    "calendar-makeup-for": " for {name}",
    "calendar-weekends-passed": "ordinary weekend days passed: {count}",
    "calendar-inside-period": "inside the period, counted as calendar days like any other:",
    "calendar-days-end": "{n} calendar days after the start end on {date}",
    "calendar-months-same-day": "{n} month(s) after the start, the same day of the month is {date}",
    "calendar-months-clamped": (
        "{n} month(s) after the start, {month} has no day {day}: the period ends on the "
        "month's last day, {date}"
    ),
    "calendar-is-workday": "{date} is a working day",
    "calendar-rest-day": "{date} is a rest day ({reason}): the period ends on the next working day",
    "calendar-rolled-forward": "moved forward to the next working day, {date}",
    "calendar-period-last-day": "the last day of {period} is {date}",
    "calendar-last-working-day": "the last working day of {period} is {date}",
    "calendar-before-start": "note: {date} is before the start day {start}",
    "calendar-negative-count": "cannot count {n}: the number must be 0 or more",
    "calendar-beyond-range": "the result would lie beyond the year 9999",
    "calendar-no-working-day": "{period} has no working day in this calendar",
    "calendar-bad-expression": (
        "`{text}` is not a period; write one of: +N working days, +N days, +N months, "
        "month-end, quarter-end (e.g. `+3 working days`)"
    ),
    "calendar-count-too-large": "`{text}`: at most {limit} {unit}",
    "calendar-range-backwards": "the holiday ends ({end}) before it starts ({start})",
    "calendar-range-too-long": (
        "a holiday of {days} days; no public holiday is longer than {limit} days: check the dates"
    ),
    "calendar-holiday-and-workday": (
        "{date} is listed both as a holiday ({where}) and as a working day"
    ),
    "calendar-not-a-calendar": (
        "this is not a calendar document (kind: {kind}); a calendar file starts with "
        "`kind: calendar` and `version: 1`"
    ),
    "deadline-error": "error: {message}",
    "bad-date-option": "`{text}` is not a date; write it as YYYY-MM-DD (2026-11-23), 2026/11/23, 2026.11.23 or 2026年11月23日",
    "calendar-bad-time": "`{text}`: the time after `at` is not a time of day; write it as HH:MM (e.g. 18:00)",
    "bad-when-option": (
        "`{text}` is not a date; write it as YYYY-MM-DD (2026-09-26), 2026/09/26, 2026.09.26 "
        'or 2026年9月26日, or with a time as "YYYY-MM-DD HH:MM" (e.g. "2026-09-26 18:00")'
    ),
    "deadline-warning": "warning: {message}",
    # --- render --------------------------------------------------------------------
    "render-no-repository": "no inspect.yaml in this folder or above: a letter needs the repository's settings, plan and policy",
    "render-not-findings": "this is a `{kind}` file; render-letter takes a `findings` file",
    "render-no-county": "the findings file names no `county:` and its findings lie in several counties; add `county:`",
    "render-unknown-template": "no template `{name}`: neither `{folder}/{name}.docx` in the repository nor a built-in one (known: {known})",
    "render-template-unreadable": "the template is not a readable .docx file: {detail}",
    "render-template-failed": "template error in {part} ({kind}): {detail}{near}",
    "render-template-near": "; in the paragraph “{text}”",
    "render-template-too-costly": "the template needs more than {steps} steps or {seconds:g} seconds (a loop or a recursion without end?)",
    "render-template-too-large-value": "the template builds a value larger than {limit} characters or items",
    "render-template-too-long": "the document would be longer than {limit} million characters",
    "zip-too-many-entries": "the template holds {count} parts; a .docx has far fewer than {limit}: it is not a Word document",
    "zip-bad-name": "the template holds a part named `{name}`, which points outside the document: it is not a Word document",
    "zip-bomb": "the template's part `{name}` would unpack to {size} MB or more (a zip bomb?): it is not a usable Word document",
    "render-report-county-without-findings": "{county} has no findings file in round {plan}: the report says nothing of its problems; add its findings file (inspect new-findings {plan} --county {county}), or an empty one (findings: []) if nothing was found there",
    "render-number-allocated": "document number {number} allocated (the next free one); it was NOT written into {path}: render with --record to keep it there",
    "render-recorded": "document number {number} recorded in {path}",
    "render-record-changed": "{path} changed while the document was being rendered, so its number was not recorded and no document was written: render it again with --record",
    "render-written": "wrote {path} ({number}, template {template})",
    "render-pdf-written": "wrote {path} (PDF, by LibreOffice, fonts embedded)",
    "render-pdf-no-libreoffice": "cannot make the PDF: LibreOffice is not installed (looked for soffice and libreoffice on PATH and in the usual install folders); {path} is written. Install LibreOffice (Debian, Ubuntu: `sudo apt install libreoffice-writer`; Windows, macOS: from libreoffice.org) and run again, or open the .docx in Word or WPS and save it as PDF",
    "render-pdf-failed": "LibreOffice could not convert {path} to PDF: {detail}",
    "render-pdf-stdout": "--pdf writes the PDF beside the .docx file; it cannot be combined with --out -",
    "render-font-missing": "warning: this machine lacks fonts the document names, and the PDF uses others in their place ({fonts}); it differs from a print where they are installed",
    # --- deadlines ---
    "deadline-title-letter": "send the rectification letter of round {plan}{county}",
    "deadline-to-county": " to {county}",
    "deadline-title-rectification": "rectify finding {finding} ({unit})",
    "deadline-title-extension": "decide the extension of {finding} to {new} (requested {requested})",
    "deadline-title-comprehensive": "comprehensive supervision of {year} ({held} held, at least {times})",
    "deadline-title-feedback": "patrol {plan}: report on rectification (feedback given {date})",
    "deadline-title-follow-up": "follow-up revisit of {finding}, rectified {date}",
    "deadline-title-archive": "archive the case records of {period}",
    "deadline-title-report": "report to the leading group for {period}",
    "deadline-rule-letter": "{number} ({rule})",
    "deadline-rule-extended": "{rule}; extension approved {decided}",
    "deadline-no-feedback-rule": (
        "patrol {plan} ({path}) has a feedback date but the policy has no `deadlines.feedback` "
        "rule; add one under `policy.overrides` in inspect.yaml, e.g. "
        "`deadlines: {{feedback: {{amount: 2, unit: months, source: 'art. N of your policy'}}}}`"
    ),
    "deadline-state-done": "done",
    "deadline-state-done-late": "done late",
    "deadline-state-overdue": "overdue",
    "deadline-overdue-since": "overdue since {time} today",
    "deadline-state-due-today": "due today",
    "deadline-state-due-soon": "due soon",
    "deadline-state-upcoming": "upcoming",
    "deadline-state-pending": "awaiting decision",
    "deadline-state-past": "past",
    "deadline-overdue-by": "{days} working day(s) late",
    "deadline-done-on": "on {date}",
    "deadline-uncertain": "the calendar does not know {year}: counted with weekends only",
    "deadline-column-due": "Due",
    "deadline-column-state": "State",
    "deadline-column-kind": "Kind",
    "deadline-column-subject": "Subject (file)",
    "deadline-column-what": "What (rule)",
    "deadline-table-title": "Deadlines as of {date} (due soon: within {within} days)",
    "deadline-summary": "{total} deadline(s): {overdue} overdue, {today} due today, {soon} due soon, {upcoming} upcoming, {done} done ({late} late), {pending} extension(s) awaiting a decision",
    "deadline-none": "no deadlines: the repository has no rounds or findings yet, or the policy sets no deadline rules",
    "deadline-ics-description": "{title}\nState as of {as_of}: {state}\nRule: {rule}\nSource: {where}",
    "deadline-ics-name": "{authority}: inspection deadlines",
    "deadline-github-title": "{kind} {state}",
    "deadline-github-message": "{title}: due {due} ({detail}); {rule}",
    "deadline-out-only-ics": "--out is for --format ics only",
    "deadline-written": "wrote {count} deadline(s) to {path}",
    "deadline-bad-within": "--within must be 0 or more, got {value}",
    # --- sampling ------------------------------------------------------------------
    "sample-bad-households": "`{text}` is not a household count; write a number like 3 or a range like 3-5",
    "sample-bad-by-status": "`{text}` is not a status quota; write status=number, e.g. pre-exited=2,not-exited=1 (statuses: {choices})",
    "sample-negative": "--{name} must not be negative (got {value})",
    "sample-no-repository": "no inspect.yaml found in {path} or above; give --roster FILE and --counties to draw without a repository",
    "sample-no-roster": "no roster to draw from: set `roster:` in inspect.yaml or give --roster FILE",
    "sample-roster-unreadable": "the roster {path} cannot be read: {detail}",
    "sample-roster-problems": "the roster {path} has {count} error(s); fix them first (`inspect validate`):",
    "sample-no-plan-without-sample": "no plan of this repository is waiting for a sample; name a plan, or give --counties to draw without one",
    "sample-several-plans": "{count} plans have no sample yet ({plans}); name the one to draw for",
    "sample-repository-invalid": "the case repository has errors that stop the draw (run `inspect validate`):",
    "sample-plan-invalid": "the plan {path} has errors; fix them first (`inspect validate {path}`):",
    "sample-already-drawn": "plan {path} already has a sample (seed `{seed}`); check it with --verify, or delete its `sample:` block to draw again",
    "sample-plan-changed": "plan {path} was changed by someone else while the sample was drawn; nothing was written: run `inspect sample` again",
    "sample-not-drawn": "plan {path} has no sample to verify",
    "sample-unknown-county": "county `{county}` is not in the roster{hint}",
    "sample-counties-required": "--counties is needed to draw without a plan",
    "sample-short": "cannot fill the stratum {stratum}: {needed} needed, {available} available ({total} in the frame, {excluded} left out as visited in the last {months} months, {unfit} unable to fill their own quotas). Lower the numbers, shorten the rotation with --exclude-visited-months, or widen the counties",
    "sample-narrow": "{columns}: left out on a terminal this narrow; --format json carries them (masked)",
    "sample-written": "sample written into {path} (seed `{seed}`, method {method}, frame {frame})",
    "sample-dry-run": "dry run: nothing written (seed `{seed}`, method {method}, frame {frame})",
    "sample-printed": "drawn from the roster, written nowhere (seed `{seed}`, method {method}, frame {frame})",
    "sample-plan-chosen": "plan without a sample: {path}",
    "sample-excluded-levels": "{count} unit(s) left out by rotation (towns: {towns}; villages: {villages}; households: {households})",
    "sample-rotation-forever": "every other recorded round",
    "sample-rotation-months": "the last {months} months",
    "sample-excluded": "{count} unit(s) left out as visited in the last {months} months",
    "sample-spec-recorded": "the flags changed the specification; it is recorded in the plan's `sampling:` so the draw can be re-derived",
    "verify-ok": "the sample of {path} re-derives exactly (seed `{seed}`, method {method})",
    "verify-failed": "the sample of {path} does not re-derive: {count} difference(s)",
    "verify-frame": "the frame differs: recorded {recorded}, the roster now gives {actual} (the roster changed since the draw)",
    "verify-not-drawn": "{level}: `{id}` is recorded but method v1 does not draw it",
    "verify-changed": "{level}: `{id}` is recorded as ({recorded}) but method v1 gives ({actual})",
    "verify-missing": "{level}: `{id}` (ticket {ticket}) is drawn by method v1 but not recorded",
    "verify-short": "method v1 cannot re-derive the draw: the stratum {stratum} needs {needed} but has {available}",
    "verify-level-towns": "towns",
    "verify-level-villages": "villages",
    "verify-level-households": "households",
    "verify-and-more": " (and {count} more)",
    "sample-stratum-towns": "towns of {county}",
    "sample-stratum-villages": "{kind} villages in {town}",
    "sample-stratum-all-villages": "{kind} villages",
    "sampling-below-policy": "`sampling.{key}: {value}` is below the policy's minimum of {minimum} ({source}); raise it, or record why and who approved it: `deviation: {{reason: …, approved_by: …}}` under `sampling:`",
    "sampling-below-policy-approved": "`sampling.{key}: {value}` is below the policy's minimum of {minimum} ({source}), a deviation approved by {approved_by}; the report's 基本情况 states it",
    "sample-stratum-households": "`{kind}` households in {village}",
    "sample-any-class": "any-class",
    "sample-spread-towns": "cannot give every county a town: {towns} towns asked for, {counties} counties in the plan; ask for at least {counties} towns (`towns:` or --towns), or plan fewer counties",
    "sample-spread-villages": "cannot give every {level} a village: {villages} villages asked for, {places} {level}s to spread them over; ask for at least {places} villages (`villages:`, `poor_villages:`, `ordinary_villages:`), or fewer towns",
    "sample-spread-level-towns": "town",
    "sample-spread-level-counties": "county",
    "sample-v2-keys-in-v1": "`villages:` and `households_by_category:` need method v2: remove `method: v1` from the sampling specification",
    "group-member-not-category": "group `{group}` counts `{member}`{hint}, which is not one of the policy's categories (`categories:` and `own_categories:`); add it there or remove it from the group",
    "own-category-clash": "`{word}` already names category `{other}`: a word of the roster's `status` column must name one category; choose another",
    "sample-unknown-category": "`households_by_category` has `{name}`{hint}, which is neither a household category nor a group of the policy in force (choices: {choices})",
    "sample-visited-unreadable": "cannot read the list of households visited elsewhere, {path} (`visited:` in inspect.yaml):",
    "visited-no-column": "no household id column: the first line must name one of {columns}",
    "visited-bad-date": "`{text}` in column `{column}` is not a date: write the day of the visit as YYYY-MM-DD, or leave the cell empty when it is not known",
    "roundtrip-read": "cannot edit {path}: {detail}",
    "edit-locked": "{path} is being edited by another command, which has held it for more than {seconds} s; nothing was written: run the command again when that one has finished (its lock: {lock})",
    "edit-lock-failed": "cannot lock {path} for editing ({detail}); nothing was written: its folder must be writable and its file system must support file locks",
    "edit-changed-meanwhile": "{path} was changed by someone else while this command edited it, again and again; nothing was written: run the command again once nobody else is saving the file",
    "roundtrip-not-mapping": "cannot edit {path}: it is not a mapping of keys",
    "sample-ticket-wrong": "the ticket of `{id}` is not SHA-256 of `{seed}|{id}`; the sample was edited by hand (method v1)",
    "sample-not-in-roster": "sampled {level} `{id}` is not in the roster",
    "sample-roster-mismatch": "sampled {level} `{id}` is recorded as {recorded} but the roster says {actual}",
    "sample-not-smallest": "the sample is not the draw of method {method} from this roster: {detail}; was it edited by hand? (`inspect sample {path} --verify`)",
    # --- new plan -------------------------------------------------------------------
    "newplan-missing": "missing {names}; give them as options (not asked for: standard input is not a terminal)",
    "newplan-exists": "{path} already exists; choose another --out or --id (new-plan never overwrites)",
    "newplan-bad-reference": "{option}: {message}; nothing was written",
    "newplan-invalid": "the plan would not be valid:",
    "newplan-repository-invalid": "the repository has errors, so its policy (the sampling minimums the plan starts from) is not known; fix them first (`inspect validate`); nothing was written:",
    "newplan-written": "plan written to {path}; next: inspect sample {path}",
    "newfindings-exists": "{path} already exists; choose another --out (new-findings never overwrites)",
    "newfindings-unknown-county": "county `{county}` is not one of the counties of plan `{plan}` ({counties}){hint}; nothing was written",
    "newfindings-invalid": "the findings file would not be valid:",
    "newfindings-repository-invalid": "the repository has errors, so its plans cannot be read; fix them first (`inspect validate`); nothing was written:",
    "newfindings-written": "findings file written to {path}; next: fill in the problems, then inspect validate",
    # --- finding lifecycle (Heyuan §4, §6; Hainan §3.3, §5.3) ---------------------
    "rectified-date-missing": "status is `{status}` but no `rectified:` date is recorded; add the date the rectification was completed (整改完成日期)",
    "rectified-without-evidence": "status is `{status}` but no evidence of rectification is recorded, neither under `evidence:` nor in an update; name the supporting material",
    "rectified-date-while-rectifying": "status is `rectifying` but a rectified date ({date}) is recorded; set status `rectified`, or remove the date",
    "open-with-records": "status is `open` but `{field}` is recorded; an open finding has no rectification record yet: set status `rectifying` or `rectified`",
    "rectified-before-update": "the rectified date {date} is before the update of {update}, which still reports the finding as rectifying",
    "verification-missing": "status is `verified` but no follow-up revisit is recorded under `verification:`",
    "verification-failed": "status is `verified` but the follow-up revisit of {date} failed; a failed revisit sends the finding back to `rectifying`",
    "verification-passed-not-verified": "the follow-up revisit of {date} passed, but the status is `{status}`; set status `verified`",
    "verification-failed-not-reopened": "the follow-up revisit of {date} failed after the rectification of {rectified}; the finding is `rectifying` again until it is rectified anew",
    "verification-before-rectified": "the follow-up revisit ({date}) is before the rectification was completed ({rectified})",
    "revisit-passed-earlier": "the earlier follow-up revisit of {date} passed, which closed the finding; `revisits:` keeps the failed passes before the latest one, under `verification:`",
    "revisit-without-verification": "the follow-up revisit of {date} is kept under `revisits:` but no later revisit is under `verification:`; the latest pass goes under `verification:`",
    "revisit-out-of-order": "the follow-up revisit of {date} is listed before one of {later}; `revisits:` lists the passes oldest first, the latest under `verification:`",
    "update-after-verification": "update dated {date}, after the finding was verified ({verified}); a verified finding is closed",
    "extension-order": "extension requests must be in date order: {date} comes after {previous}",
    "extension-several-pending": "a second extension request awaits a decision (the first is request {first}); decide one before another is made",
    "extension-after-rectified": "extension requested {date}, after the finding was rectified ({rectified})",
    "extension-reason-missing": "`{reason}` is not a reason; an extension must be reported with its reason and the new deadline",
    "extension-pending-dated": "the extension is `pending` but has a decision date ({decided}); set `decision: approved` or `rejected`, or remove `decided:`",
    "extension-undated-decision": "the extension is `{decision}` but has no `decided:` date; add the date of the decision",
    "record-before-notified": "{date} is before the unit was told of the problem ({what}: {first})",
    # --- inspect finding ------------------------------------------------------------
    "tracking-not-found": "no finding `{id}` in the repository at {root}{hint}",
    "tracking-update-closed": "{id} is {status}: it takes no more progress updates; a failed follow-up revisit (`inspect finding verify {id} --result failed`) reopens it",
    "tracking-update-needs-status": "{id} is open: its first update sets a status; give --status rectifying or --status rectified",
    "tracking-extend-closed": "{id} is {status}: an extension is requested only while the finding is being rectified",
    "tracking-extend-pending": "{id} already has an extension request awaiting a decision (requested {requested}, to {new}); approve or reject it first",
    "tracking-no-pending": "{id} has no extension request awaiting a decision; request one with `inspect finding extend {id} --to DATE --reason TEXT`",
    "tracking-verify-not-rectified": "{id} is {status}: only a rectified finding is verified by a follow-up revisit; record the rectification first with `inspect finding update {id} --status rectified`",
    "tracking-verify-too-early": "{id}: the follow-up revisit ({date}) cannot come before the rectification was completed ({rectified})",
    "tracking-reopened-note": "“回头看”未通过（{by}），重新整改。",
    "tracking-reopened-note-with": "“回头看”未通过（{by}）：{note}",
    "tracking-what-update": "progress update of {date} recorded",
    "tracking-what-rectified": "rectified on {date}",
    "tracking-what-extend": "extension to {new} requested on {date}, awaiting a decision",
    "tracking-what-approved": "extension to {new} (requested {requested}) approved on {date}",
    "tracking-what-rejected": "extension to {new} (requested {requested}) rejected on {date}",
    "tracking-what-passed": "follow-up revisit of {date} by {by} passed",
    "tracking-what-failed": "follow-up revisit of {date} by {by} failed: rectifying again",
    "tracking-changed": "{id} in {path}: {before} → {after}; {what}",
    "tracking-kept": "{id} in {path}: still {status}; {what}",
    "tracking-dry-run": "dry run: nothing written",
    "tracking-would-be-invalid": "refused: the edit would leave {path} with the problems below; nothing was written",
    "tracking-warning": "note: {message}",
    "tracking-list-title": "Findings as of {date}",
    "tracking-list-none": "no finding matches",
    "tracking-list-summary": "{total} finding(s): {open} open, {rectifying} rectifying, {rectified} rectified, {verified} verified; {overdue} overdue",
    "tracking-column-id": "Finding",
    "tracking-column-county": "County",
    "tracking-column-unit": "Responsible unit",
    "tracking-column-status": "Status",
    "tracking-column-deadline": "Deadline",
    "tracking-column-state": "State",
    "tracking-extended": " (extended)",
    "tracking-pending-extension": "extension to {new} pending",
    # --- official documents: report and bulletin -------------------------------------
    "render-unknown-plan": "no plan `{plan}` in this repository: give a plan file or a plan id{hint}",
    "render-report-round-open": "round {plan} ends on {end}, so a report dated {date} would state as final what is still being found: date it after the round (--date), or give --draft for a draft marked （草稿）",
    "render-no-rounds": "no round (plan) starts in {period}; months with rounds: {months}",
    "render-bad-period": "`{text}` is not a month; write it as YYYY-MM (e.g. 2026-11)",
    "render-report-written": "wrote {path} ({kind} report on {plan}, template {template})",
    "render-bulletin-number-allocated": "document number {number} allocated (the next free one); it was NOT recorded: render with --record to register it under `issued:` in inspect.yaml",
    # --- languages and changed files -----------------------------------------------
    "lang-unknown": "`{value}` is not a language of inspectcli; use one of {choices}",
    "severity-error": "error",
    "severity-warning": "warning",
    "severity-info": "info",
    "sample-no-plan-given": "(no plan given)",
    "sample-table-title": "seed {seed}",
    "sample-column-level": "level",
    "sample-column-unit": "unit",
    "sample-column-class": "class / status",
    "sample-column-head": "head",
    "sample-column-id-number": "ID number",
    "sample-column-phone": "phone",
    "sample-column-ticket": "ticket",
    "sample-level-town": "town",
    "sample-level-village": "village",
    "sample-level-household": "household",
    "value-mapping": "a mapping",
    "value-list": "a list",
    "value-empty": "nothing (an empty value)",
    "unit-working-days": "working days",
    "unit-days": "days",
    "unit-months": "months",
    "changed-no-git": "--changed-since needs git, and no `git` command was found; install git or leave the option out",
    "changed-not-git": "--changed-since needs a git repository, and {path} is not in one; leave the option out to check every file",
    "changed-unknown-ref": "--changed-since: git knows no commit `{ref}`; give a branch, tag or commit (e.g. origin/main, HEAD~1); in a shallow CI clone, fetch it first",
    "changed-git-failed": "--changed-since: git failed: {detail}",
    "history-not-git": "the history of the rectification records comes from git, and {path} is not in a git repository (or git is missing)",
    "history-unknown-ref": "--since: git knows no commit `{ref}`; give a branch, tag or commit (e.g. origin/main, HEAD~20); in a shallow clone, fetch it first",
    "history-git-failed": "git could not read the history of {path}: {detail}",
    "history-since-alone": "--since limits --history; give --history too",
    "history-rewritten": "the record {key} committed in {sha} was changed or removed by {by}: the records of a rectification only grow; restore it and add an update that corrects it",
    "history-backdated": "the record {key} is dated {date} but entered the repository on {committed} (commit {sha}), more than {days} working days later",
    "history-title": "Records of {id} ({path})",
    "history-column-date": "Date",
    "history-column-record": "Record",
    "history-column-commit": "Commit",
    "history-column-author": "Entered by",
    "history-column-committed": "Committed",
    "history-column-message": "Commit message",
    "history-kind-updates": "progress update {n}",
    "history-kind-extensions": "extension request {n}",
    "history-kind-revisits": "revisit {n}",
    "history-kind-rectified": "rectified date",
    "history-kind-verification": "latest revisit",
    "history-none": "{id} has no committed record in {path}",
    # --- policy presets, inspect policy, inspect init ------------------------------
    "policy-no-repository": "no inspect.yaml found in {path} or above; give --repo the folder of a case repository",
    "plan-type-not-in-policy": "a {type} round is not provided for by policy `{policy}`, which knows {kinds} rounds only",
    "covers-kinds": "rounds: {kinds}",
    "covers-frequency": "frequency: {frequency}",
    "covers-comprehensive": "comprehensive: at least {times} per {per}",
    "covers-bulletin": "bulletin: {frequency}",
    "covers-catalogue": "catalogue: {categories} categories, {items} items",
    "covers-catalogue-flat": "catalogue: {categories} categories",
    "covers-sampling": "sampling: {spec}",
    "covers-sampling-towns": "{count} town(s)",
    "covers-sampling-poor-villages": "{count} poor village(s)",
    "covers-sampling-ordinary-villages": "{count} ordinary village(s)",
    "covers-sampling-households": "{span} households a village",
    "covers-sampling-quota": "of them {quota}",
    "covers-rotation": "rotation_months: {months}",
    "covers-deadlines": "deadlines: {rules}",
    "covers-archive": "archive {every}",
    "covers-report": "report {every}",
    "covers-ledger": "ledger: {count} columns",
    "covers-accountability": "accountability: {count} rules",
    "data-only-rule": "data only, not checked: `{key}`: {reason}",
    "data-only-visit-duties": "case files record no visits, research trips or days in the village to count",
    "data-only-ledger": "the columns title the ledger of `inspect report`; a finding without a required column is not reported",
    "data-only-frequency": "only a monthly rhythm is checked (a month without one); a quarter or a year is not",
    "data-only-comprehensive": "only a number per year is reported by `inspect deadline`",
    "data-only-reminder": "a reminder in `inspect deadline`: the repository records no hand-over or report, so it never becomes overdue",
    "covers-visit-duties": "visit_duties: {count} duties",
    "policy-list-name": "name",
    "policy-list-source": "source document",
    "policy-list-covers": "what it covers",
    "policy-list-title": "Built-in policy presets (inspect policy show NAME)",
    "policy-unknown": "no built-in policy `{name}`{hint}; built-in: {known}",
    "policy-show-needs-name": "name a preset (inspect policy list shows them), or give --repo PATH for a repository's policy",
    "policy-show-other-preset": "the repository at {repo} uses policy `{actual}`, not `{name}`; leave NAME out to see it",
    "policy-repo-invalid": "the policy of the repository cannot be built; fix these first (inspect validate):",
    "init-unknown-preset": "no built-in policy `{name}`{hint}; built-in: {known} (inspect policy list)",
    "init-not-empty": "{path} is not empty; inspect init makes a new repository in an empty or new folder only",
    "init-not-a-folder": "{path} is not a folder; give a new or empty folder",
    "init-not-valid": "the new repository would not pass inspect validate; nothing was written:",
    "init-missing": "missing {names}; give them as options (not asked for: standard input is not a terminal)",
    "init-written": "case repository made in {path} with policy `{preset}` ({files} files). Next:",
    "init-next": "  cd {path} && git init && git add . && git commit -m 'Case repository'\n  fill in roster/households.csv, then: inspect new-plan, inspect sample, inspect validate",
    "init-cannot-write": "cannot make {path}: {detail}; nothing was written",
    "init-install": "CI and pre-commit install inspectcli with: pip install {spec}",
    "init-install-system": "without --ci no CI file is written; the pre-commit hook runs the inspect command installed on this machine",
    "init-install-unknown": "cannot tell what CI and pre-commit should install; nothing was written\n{why}: name it with --install, e.g. --install inspectcli=={version} (the office's package index), --install 'git+https://git.example.org/office/inspectcli.git@v{version}' (a git mirror, at a tag or commit) or --install vendor/inspectcli-{version}-py3-none-any.whl (a wheel committed in the repository)",
    "install-source-no-metadata": "this copy of inspectcli runs without its installed package metadata (from a source folder?)",
    "install-source-unreadable": "the record of where this copy of inspectcli came from (direct_url.json) cannot be read",
    "install-source-local": "this copy of inspectcli was installed from {url}, which a CI runner does not have",
    # --- report -------------------------------------------------------------------
    "report-error": "error: {message}",
    "report-warning": "warning: {message}",
    "report-bad-period": "`{text}` is not a period; write a month (2026-11), a quarter (2026Q4) or a year (2026)",
    "report-xlsx-needs-out": "--format xlsx writes a workbook: give --out FILE.xlsx (or --out - to pipe it)",
    "report-written": "report written to {path}",
    "report-list-written": "list written to {path}",
    "report-tag-unknown-household": "the household `{household}` of this tagged finding is not in the roster; accountability counts its people from the roster's `members`",
    "report-no-roster-permille": "the repository has no roster, so the per-mille thresholds (people per thousand registered) cannot be counted",
    "report-not-in-catalogue": "{code} (not in the catalogue)",
    "report-reached-mis-identified-households": "{value} mis-identified households (threshold {at_least})",
    "report-reached-wrongly-exited-households": "{value} wrongly exited households (threshold {at_least})",
    "report-reached-permille": "{value}‰ of people mis-identified or wrongly exited (threshold {at_least}‰)",
    "report-title": "{authority}: rectification report {period} (as of {as_of})",
    "report-policy": "policy: {policy}",
    "report-summary-title": "Rectification by {by}",
    "report-ledger-title": "Ledger of findings and their rectification",
    "report-accountability-title": "Accountability thresholds of the policy",
    "report-by-county": "county",
    "report-by-unit": "responsible unit",
    "report-by-category": "content category",
    "report-by-group": "inspection group",
    "report-by-household-group": "household category group",
    "report-col-visited": "Households visited",
    "report-col-findings": "Findings",
    "report-col-rectified": "Rectified",
    "report-col-verified": "Verified",
    "report-col-overdue": "Overdue, not done",
    "report-col-on-time": "Done on time",
    "report-col-settled": "Judged for on-time",
    "report-col-rate": "Rectification rate",
    "report-col-on-time-rate": "On-time rate",
    # the headings' short forms, for a narrow terminal: words that fit a column of numbers
    "report-col-visited-short": "Visited",
    "report-col-rectified-short": "Rect.",
    "report-col-verified-short": "Verif.",
    "report-col-overdue-short": "Overdue",
    "report-col-on-time-short": "On time",
    "report-col-settled-short": "Judged",
    "report-col-rate-short": "Rect. rate",
    "report-total": "Total",
    "report-col-id": "Finding",
    "report-col-county": "County or district",
    "report-col-description": "Problem",
    "report-col-target": "Target",
    "report-col-measures": "Measures",
    "report-col-unit": "Unit in charge",
    "report-col-person": "Person in charge",
    "report-col-deadline": "Deadline",
    "report-col-status": "Status at the date",
    "report-col-completed": "Completed",
    "report-col-overdue-flag": "Overdue?",
    "report-col-level": "Level",
    "report-col-unit-id": "Unit",
    "report-col-mis-identified": "Mis-identified households",
    "report-col-wrongly-exited": "Wrongly exited households",
    "report-col-people": "People concerned",
    "report-col-population": "Registered people",
    "report-col-permille": "Share of people (‰)",
    "report-col-reached": "Conditions reached",
    "report-col-consequence": "Measures taken",
    "report-col-source": "Basis",
    "report-level-village": "village",
    "report-level-town": "town",
    "report-level-county": "county",
    "report-yes": "yes",
    "report-no": "no",
    "report-done-late": "done late",
    "report-none-reached": "none reached",
    "report-col-place": "Place",
    "report-col-category": "Category",
    "report-col-deadline-in-force": "Deadline in force",
    "report-col-progress": "Latest progress",
    "report-unit-role": "{unit} ({role})",
    "role-lead": "lead",
    "role-responsible": "responsible",
    "role-measure": "in charge of: {measure}",
    "report-col-lead": "Lead unit",
    "report-col-content": "Problem type",
    "lists-col-role": "Role",
    "lists-col-evidence": "Evidence",
    "lists-problems": "problem list",
    "lists-responsibility": "responsibility list",
    "lists-rectification": "rectification list",
    "lists-need-out": "--lists writes three files: name their folder with --out DIR",
    "lists-one-repository": "--lists writes the three lists of one case repository: give one PATH",
    "report-no-findings": "no findings in {period}: no round of the repository started in it",
    "report-no-rules": "the policy has no accountability rules (`accountability:`); nothing to count",
    "report-no-tagged": "no finding of the period is tagged mis-identification or wrong-exit",
    "report-narrow": "{columns}: shown from {width} columns on; --format markdown or xlsx carries them whole",
    "report-more-rows": "the first {shown} of {total} rows; --format markdown, xlsx or json carries them all",
    "report-definitions": "rectification rate = (rectified + verified) / findings; on-time rate = done within the deadline (approved extensions included) / (done + overdue); a finding counts in the period of its round's start date.",
    # --- words printed as they were: prompts, statuses, policy values -------------------
    "prompt-preset": "Policy preset ({choices})",
    "prompt-authority": "Issuing authority, full name",
    "prompt-short-name": "Short name of the authority in document numbers",
    "prompt-group": "Group name",
    "prompt-leader": "Group leader",
    "prompt-counties": "Counties, comma-separated",
    "prompt-start": "First day, YYYY-MM-DD",
    "prompt-end": "Last day, YYYY-MM-DD",
    "prompt-kind": "Kind of round ({choices})",
    "prompt-bad-choice": "`{text}` is not one of the choices{hint}; type one of {choices}",
    "prompt-bad-date": "`{text}` is not a date; type it as YYYY-MM-DD (2026-12-08), 2026/12/08, 2026.12.08 or 2026年12月8日",
    "prompt-date-before": "`{text}` is before the first day, {first}; type a day on or after it",
    "finding-status-open": "open",
    "finding-status-rectifying": "rectifying",
    "finding-status-rectified": "rectified",
    "finding-status-verified": "verified",
    "tracking-state-detail": "{state}, {detail}",
    "tracking-state-pending": "{state}; {detail}",
    "policy-word-supervision": "supervision",
    "policy-word-patrol": "patrol",
    "policy-word-monthly": "monthly",
    "policy-word-quarterly": "quarterly",
    "policy-word-yearly": "yearly",
    "policy-word-as-needed": "as-needed",
    "policy-word-month": "month",
    "policy-word-quarter": "quarter",
    "policy-word-year": "year",
    "policy-word-days": "days",
    "policy-word-working-days": "working-days",
    "policy-word-months": "months",
    "policy-word-letter": "letter",
    "policy-word-rectification": "rectification",
    "policy-word-feedback": "feedback",
    "policy-word-follow_up": "follow_up",
    "policy-word-not-exited": "not-exited",
    "policy-word-pre-exited": "pre-exited",
    "policy-word-exited": "exited",
    "policy-word-non-registered": "non-registered",
    "policy-word-lifted": "lifted out of poverty",
    "policy-word-monitored": "monitored",
    "policy-word-monitored-unstable": "monitored: unstable after lifting",
    "policy-word-monitored-marginal": "monitored: marginal, at risk",
    "policy-word-monitored-sudden": "monitored: sudden severe hardship",
    "policy-word-registered": "registered",
    "policy-word-poor": "poor",
    "policy-word-ordinary": "ordinary",
    "covers-sampling-status": "{status} {count}",
    "covers-period": "{name} {amount} {unit}",
    # --- spreadsheets: problem lists and ledgers ------------------------------------------
    "sheet-not-xlsx": "{path} is not an .xlsx workbook (an old .xls or .et file?): save it as .xlsx (Excel 工作簿) or CSV and import that",
    "sheet-unreadable": "{path} cannot be read as a spreadsheet ({detail}): open it in Excel or WPS and save it again as .xlsx",
    "sheet-encoding": "{path} is neither UTF-8 nor GBK text: save it as .xlsx, or as CSV (UTF-8)",
    "sheet-gbk": "{path} read as {encoding} text (the CSV of Excel and WPS on Chinese Windows); UTF-8 is recommended",
    "sheet-unknown": "the workbook has no sheet `{sheet}` (its sheets: {sheets}){hint}",
    "sheet-too-large": "the sheet has {rows} rows and {columns} columns: far more than a problem list or a ledger; import the sheet that holds the list (--sheet)",
    "sheet-unpacked-too-large": "the workbook unpacks to {size} MB, more than the {limit} MB a problem list or a ledger ever takes: is it the right file?",
    "sheet-formula": "a formula ({formula}) where a value is expected: type the value itself, or paste it as values (选择性粘贴 → 数值)",
    "sheet-not-text": "`{value}` is not text: type the text this column asks for",
    "sheet-control-character": "the cell holds a control character (copied from another program?): retype the text or paste it as plain text",
    "sheet-cell-too-long": "the cell holds {length} characters, more than the {limit} a cell may: shorten it, or put the detail in the evidence",
    "sheet-bad-date": "`{value}` is not a date: type it as 2026-10-19, 2026/10/19, 2026年10月19日 or 10月19日, or format the cell as a date",
    "sheet-no-header": "no header row found in the first rows: the problem list needs a row of headers such as {headers}",
    "sheet-missing-column": "the header row has no column {field} (typed as one of {names}); add it, or name its header in inspect.yaml under sheets.headers",
    "sheet-empty-cell": "{field} is empty: every problem needs it",
    "sheet-bad-number": "序号 `{value}` is not a number: type 1, 2, 3 …",
    "sheet-duplicate-row": "the same 序号 (or the same problem) as row {row}: number each problem once",
    "sheet-unknown-category": "category `{value}` is not in the policy's catalogue{hint}; type a title or code listed by `inspect policy show`",
    "sheet-bad-severity": "severity `{value}` is not one of {choices}",
    "sheet-unknown-town": "the roster has no town {town} in {county}{hint}: check the name",
    "sheet-unknown-village": "the roster has no village {village} in {town}{hint}: check the name and the town",
    "sheet-household-no-roster": "household `{head}` cannot be looked up: the repository has no roster; type the household id",
    "sheet-household-no-village": "household `{head}` needs its town and village in the same row, to be found in the roster",
    "sheet-household-ambiguous": "{village} has more than one household whose head is `{head}` ({ids}): type the household id instead",
    "sheet-household-unknown": "no household of {town} {village} has a head named `{head}` in the roster{hint}: check the name and the village",
    "import-repository-invalid": "the repository's settings or policy have errors; nothing was imported:",
    "import-other-round": "{path} is the findings file of plan `{plan}`, county `{county}`, not of the list imported: give another --out",
    "import-findings-done": "{path}: {added} finding(s) added, {updated} updated, {unchanged} unchanged",
    "ledger-needs-out": "the ledger is a workbook: give --out FILE.xlsx (or --out - for a pipe)",
    "ledger-unknown-county": "no finding is in county `{county}` (counties with findings: {counties}){hint}",
    "ledger-written": "wrote {path}: {count} finding(s) to report on",
    "ledger-nothing-filled": "{path}: no row is filled in; nothing to record",
    "ledger-no-header": "this is not a ledger written by inspect export ledger: no header row with {headers}",
    "ledger-bad-status": "status `{value}` is not one of {choices}: pick it from the drop-down",
    "ledger-no-id": "the row has no finding id (the hidden column 系统编号): fill in the rows of the ledger as exported, never new ones",
    "ledger-no-note": "整改进展 is empty: say what was done",
    "ledger-completed-not-rectified": "完成时间 is given but 整改状态 is not 已整改: choose 已整改, or leave 完成时间 empty",
    "ledger-extension-half": "an extension needs both 申请延期至 and 延期理由",
    "ledger-extend-rectified": "a finding reported as 已整改 needs no extension: leave 申请延期至 and 延期理由 empty",
    "ledger-changed-since-export": "finding {id} has changed since this ledger was exported: export the ledger again and copy the row's report into it",
    "ledger-already-imported": "the report on finding {id} is in its record already (this ledger was imported before); the row is left out",
    # --- progress bars; the report's empty views ------------------------------------------
    "report-progress": "Reading case files",
    "validate-progress": "Checking files",
    "report-empty-view": "{title}: {empty}",
    "site-nav-overview": "Overview",
    "site-nav-rounds": "Rounds",
    "site-nav-counties": "Counties",
    "site-footer": "Figures as of {as_of}, counted as `inspect report` counts them · inspectcli {version}",
    "site-chart-label": "rectification rate and on-time rate per row",
    "site-trend-title": "Month by month (by the month each round started)",
    "site-month": "Month",
    "site-done": "Done",
    "site-overdue-title": "Overdue findings ({count})",
    "site-none-overdue": "No finding is overdue.",
    "site-days-late": "How late",
    "site-days-left": "Days left",
    "site-days": "{days} day(s)",
    "site-upcoming-title": "Due in the next {days} working days (until {until})",
    "site-none-upcoming": "No deadline falls in the next 30 working days.",
    "site-rounds-title": "Rounds",
    "site-round": "Round",
    "site-counties": "Counties",
    "site-dates": "Dates",
    "site-filter": "Filter: id, county, unit, text…",
    "site-filter-state": "Which findings",
    "site-state-all": "All",
    "site-state-overdue": "Overdue",
    "site-state-open": "Not done",
    "site-state-done": "Done",
    "site-shown": "shown:",
    "site-status-open": "not rectified",
    "site-status-rectifying": "being rectified",
    "site-status-rectified": "rectified",
    "site-status-verified": "verified",
    "site-county-figures": "Figures of the county",
    "site-no-rounds": "No round visited this county.",
    "site-plan": "Plan",
    "site-leader": "leader",
    "site-content": "Content",
    "site-methods": "Methods",
    "site-sample": "Sample",
    "site-sample-method": "method {method}, seed {seed}, drawn by inspectcli {version}",
    "site-ticket": "Ticket",
    "site-household": "Household",
    "site-no-sample": "No sample is recorded in this plan.",
    "site-letters": "Letters (交办函)",
    "site-letter": "Letter number",
    "site-no-letter": "no letter number yet",
    "site-no-findings-yet": "No findings are recorded for this round yet.",
    "site-finding": "The finding",
    "site-where": "Where",
    "site-extended": "(extension approved)",
    "site-timeline": "Record",
    "site-evidence": "evidence",
    "site-event-found": "found in the round",
    "site-event-update": "progress {status}",
    "site-event-extension-requested": "extension requested",
    "site-event-extension": "new deadline {deadline}: {reason}",
    "site-decision-pending": "extension pending",
    "site-decision-approved": "extension approved",
    "site-decision-rejected": "extension rejected",
    "site-event-rectified": "rectified",
    "site-event-verified": "follow-up visit by {by}: {result}",
    "site-recorded": "recorded by {author}, {date} (git)",
    "site-verification-passed": "passed",
    "site-verification-failed": "failed",
    "site-written": "site written to {path}: {pages} page(s), {size}",
    "site-out-folder": "a site is a folder of many files: give --out DIR, not -",
    "folder-not-ours": "{path} is a folder this command did not make (it has no `{marker}`); give --out a new or empty folder, or the site's own",
    "report-member-left-out": "{name} ({path}) is left out of the totals: it has {count} problem(s); run `inspect validate {path}`",
    "report-no-members": "no repository could be counted",
    "report-members-title": "汇总范围",
    "report-col-member": "案卷库",
    "report-col-path": "路径",
    "report-col-authority": "单位",
    "report-col-policy": "适用制度",
    "report-col-problems": "问题数（校验）",
    "report-left-out": "未计入（校验未通过）",
    "members-file-shape": "a members file lists case repositories: write `members:` followed by one folder per line (`  - ../county-a`)",
    "members-file-item": "each entry of `members:` is the path of a case repository folder, relative to this file",
    # --- the command-line parser's own words ----------------------------------------------
    "usage-prefix": "Usage: ",
    "usage-no-such-option": "No such option: {option}{hint}",
    "usage-missing-argument": "Missing argument {name}.",
    "usage-missing-option": "Missing option {name}.",
    "usage-bad-value": "Invalid value for {name}: {detail}",
    "usage-extra-arguments": "Got unexpected extra arguments: `{arguments}`.",
    "usage-option-needs-value": "Option {option} requires a value.",
    "usage-option-takes-no-value": "Option {option} does not take a value.",
    # the sheets of the xlsx report
    "report-sheet-summary": "Summary",
    "report-sheet-ledger": "Ledger",
    "report-sheet-accountability": "Accountability",
    "report-sheet-notes": "Notes",
}


def t(key: str, /, **values: Any) -> str:
    """The message ``key`` in the user's language, filled with ``values``: a value that
    quotes an ID or phone number (a cell, a scalar, a name) comes out masked."""
    template = i18n.gettext(EN[key])
    return mask(template.format(**values)) if values else template


def word(value: str) -> str:
    """A value as case files write it (``monthly``, ``pre-exited``, ``poor``) in the user's
    language; in English the value itself, and so is a value the tool has no word for
    (a policy's own household category)."""
    key = f"policy-word-{value}"
    return t(key) if key in EN else value


def enumeration(items: Iterable[str]) -> str:
    """The items of a list in a sentence, as the user's language writes them: ``a, b, c``
    in English, 甲、乙、丙 in Chinese (whose ，separates clauses, not items)."""
    return t("enumeration", first="", second="").join(items)


def bad_choice(text: str, option: str, choices: Sequence[str], values: Sequence[str] = ()) -> str:
    """The one wording of every command for a value an option does not take: the value,
    the option, the closest choice, then all of them. ``values``, when given, are the
    same choices as the model names them (``supervision`` for 督查): a misspelt English
    value in Chinese output is pointed to its Chinese word."""
    listed = enumeration(choices)
    best = closest(text, tuple(choices))
    if best is None and len(values) == len(choices):
        value = closest(text, tuple(values))
        best = None if value is None else choices[list(values).index(value)]
    hint = "" if best is None else t("did-you-mean", name=best)
    return t("bad-choice", text=text, option=option, hint=hint, choices=listed)


def did_you_mean(
    name: str, candidates: list[str] | tuple[str, ...] | set[str], cutoff: float = 0.6
) -> str:
    """`` (did you mean `x`?)`` for the closest candidate, or an empty string (``cutoff``
    0.5 lets a two-character Chinese word one character off find its match: 督察 → 督查)."""
    best = closest(name, candidates, cutoff)
    return "" if best is None else t("did-you-mean", name=best)


def closest(
    name: str, candidates: list[str] | tuple[str, ...] | set[str], cutoff: float = 0.6
) -> str | None:
    """The candidate closest to ``name``, or None when none is close enough."""
    import difflib

    close = difflib.get_close_matches(name, list(candidates), n=3, cutoff=cutoff)
    if not close:
        return None
    # Of the equally close, the one that begins as the name does: 脱贫 → 脱贫户, not 预脱贫.
    score = difflib.SequenceMatcher(None, close[0], name).ratio()
    tied = [c for c in close if difflib.SequenceMatcher(None, c, name).ratio() == score]
    return next((c for c in tied if c.startswith(name)), close[0])

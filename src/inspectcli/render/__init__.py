"""Official documents from case files: a .docx template (docxtpl tags, GB/T 9704 layout)
rendered in a sandboxed Jinja environment with the context built from the repository."""

-- File references are also looked up by ref (storage/by-ref): newest first per owner and ref.
CREATE INDEX file_references_ref ON file_references (ref, owner, time);

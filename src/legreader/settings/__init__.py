"""The reader's own state outside the annotation database: configuration (:mod:`.config`),
where each corpus was left (:mod:`.session`), crash reports (:mod:`.crash`).
"""

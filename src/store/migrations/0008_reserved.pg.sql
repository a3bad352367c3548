-- 0008 is reserved for another change being made at the same time (the
-- revocation list). This placeholder only keeps the version numbers without a
-- gap on this branch; it changes nothing and is dropped when that change lands.
DO $$ BEGIN END $$;

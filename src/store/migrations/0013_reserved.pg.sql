-- 0013 (PostgreSQL): a placeholder that keeps the versions without a gap on this branch.
-- Version 0013 belongs to a change made beside this one; the merge replaces this file with it.
DO $$ BEGIN END $$;

package dev.propensity.model.tribuo;

/**
 * The limits a model file is read under, so that a hostile or damaged file cannot exhaust memory: entries in the
 * archive (a stack's nested members counted against the same budget), inflated bytes per entry and in total, the
 * manifest's size, the compression ratio of any entry that inflates beyond 1 MiB, and stack members.
 *
 * @param maxEntries       archive entries in all, nested ones included
 * @param maxEntryBytes    inflated bytes of one entry
 * @param maxTotalBytes    inflated bytes of all entries together
 * @param maxManifestBytes inflated bytes of one {@code manifest.json}
 * @param maxRatio         inflated bytes per compressed byte, for entries over 1 MiB inflated
 * @param maxMembers       members of a stack
 */
record ModelFileLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, long maxManifestBytes,
                       int maxRatio, int maxMembers) {
    /** Ratios are only checked above this size (a tiny file of zeros compresses a thousandfold, harmlessly). */
    static final long RATIO_FREE_BYTES = 1L << 20;

    /** Validates. */
    ModelFileLimits {
        if (maxEntries < 2 || maxEntryBytes < 1 || maxTotalBytes < maxEntryBytes || maxManifestBytes < 1
                || maxRatio < 1 || maxMembers < 1) {
            throw new IllegalArgumentException("model file limits must be positive, with total >= entry");
        }
    }

    /**
     * The defaults: 64 entries, 256 MiB per entry, 512 MiB in all, a 16 MiB manifest, a ratio of 100, 16 members.
     * The largest model this project writes (a 2M-row XGBoost or forest) is far below each.
     *
     * @return the limits
     */
    static ModelFileLimits defaults() {
        return new ModelFileLimits(64, 256L << 20, 512L << 20, 16L << 20, 100, 16);
    }
}

package dev.propensity.bench;

/** Pending. */
public final class IngestOurs {
    private IngestOurs() {
    }

    /**
     * Pending.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        throw new UnsupportedOperationException("pending");
    }
}

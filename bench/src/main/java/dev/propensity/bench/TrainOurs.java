package dev.propensity.bench;

/** Pending. */
public final class TrainOurs {
    private TrainOurs() {
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

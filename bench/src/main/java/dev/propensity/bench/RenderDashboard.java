package dev.propensity.bench;

/** Pending. */
public final class RenderDashboard {
    private RenderDashboard() {
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

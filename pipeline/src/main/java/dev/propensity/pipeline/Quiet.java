package dev.propensity.pipeline;

/** The progress and warnings that show nothing ({@link Progress#none()}, {@link Warnings#none()}). */
enum Quiet implements Progress, Warnings {
    /** The one instance. */
    INSTANCE;

    @Override
    public void phase(String name) {
        // shows nothing
    }

    @Override
    public void rows(long rows) {
        // shows nothing
    }

    @Override
    public void end() {
        // shows nothing
    }

    @Override
    public void warn(String message) {
        // says nothing
    }
}

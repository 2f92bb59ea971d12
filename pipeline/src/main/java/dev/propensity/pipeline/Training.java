package dev.propensity.pipeline;

import java.util.Locale;
import java.util.Objects;

/** Which rows the model is trained on. */
public enum Training {
    /** One row per session, its features from every event before its first purchase (the default). */
    WHOLE_SESSIONS("whole-session"),
    /**
     * Rows at several cutoffs per session ({@link PrefixRows}), so the model is calibrated for sessions still in
     * progress: the model a live scorer should use.
     */
    PREFIXES("prefixes");

    private final String code;

    Training(String code) {
        this.code = code;
    }

    /** The name the command and the report use: {@code whole-session} or {@code prefixes}. */
    public String code() {
        return code;
    }

    /**
     * Parses {@code whole-session} (also {@code sessions}) or {@code prefixes}.
     *
     * @param text the text
     * @return the choice
     * @throws IllegalArgumentException naming the text and the accepted values
     */
    public static Training parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("whole-session") || t.equals("sessions") || t.equals("whole-sessions")) {
            return WHOLE_SESSIONS;
        }
        if (t.equals("prefixes")) {
            return PREFIXES;
        }
        throw new IllegalArgumentException("unknown training rows '" + text + "'; expected whole-session or prefixes");
    }
}

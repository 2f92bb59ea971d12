package dev.propensity.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** The input formats Propensity reads, and their detection from a file's first line. */
public enum InputFormat {
    /** The UCI Online Shoppers session table ({@link UciSessionReader}). */
    UCI,
    /** REES46 events CSV ({@link Rees46Reader}). */
    REES46,
    /** Retailrocket events CSV ({@link RetailrocketReader}). */
    RETAILROCKET,
    /** OTTO sessions as JSON lines ({@link OttoReader}). */
    OTTO,
    /** A shop's own events, CSV or JSON lines, read through an {@link EventMapping} ({@link GenericEventReader}). */
    EVENTS;

    /** Whether the format holds events (as opposed to one row per session). */
    public boolean hasEvents() {
        return this != UCI;
    }

    /**
     * Parses a name as used on the command line ({@code uci}, {@code rees46}, {@code retailrocket}, {@code otto},
     * {@code events}), case-insensitively.
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException naming the known formats when the name is unknown
     */
    public static InputFormat parse(String name) {
        for (InputFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; known: "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    /**
     * Detects the format from the first line: a JSON object with {@code "session"} and {@code "events"} is OTTO,
     * another JSON object is {@link #EVENTS}; a CSV header is REES46 or Retailrocket when it is theirs exactly,
     * UCI when it has a {@code Revenue} column, and {@link #EVENTS} when the {@link EventMapping#standard()}
     * time and type columns are there.
     *
     * @param path the file
     * @return the format
     * @throws InputException when the file is missing, empty, binary or of no known format
     * @throws IOException    when it cannot be read
     */
    public static InputFormat detect(Path path) throws IOException {
        String file = path.toString();
        InputPaths.requireRegularFile(path);
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new InputException(file, 0, null, RejectReason.BAD_FILE, "no such file");
        }
        String binary = Bytes.binaryProblem(head, n);
        if (binary != null) {
            throw new InputException(file, 0, null, RejectReason.BAD_FILE, binary);
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.stripLeading();
        if (text.isEmpty()) {
            throw new InputException(file, 0, null, RejectReason.BAD_FILE, "the file is empty; cannot detect its format");
        }
        int eol = text.indexOf('\n');
        String first = (eol < 0 ? text : text.substring(0, eol)).trim();
        if (first.startsWith("{")) {
            if (first.contains("\"session\"") && first.contains("\"events\"")) {
                return OTTO;
            }
            return EVENTS;
        }
        String[] cols = first.split(",", -1);
        for (int i = 0; i < cols.length; i++) {
            cols[i] = cols[i].trim().replace("\"", "").toLowerCase(Locale.ROOT);
        }
        if (matches(cols, Rees46Reader.HEADER)) {
            return REES46;
        }
        if (matches(cols, RetailrocketReader.HEADER)) {
            return RETAILROCKET;
        }
        java.util.List<String> list = Arrays.asList(cols);
        if (list.contains("revenue")) {
            return UCI;
        }
        if (list.contains("time") && list.contains("type")) {
            return EVENTS;
        }
        String shown = first.length() > 120 ? first.substring(0, 120) + "..." : first;
        throw new InputException(file, 1, null, RejectReason.BAD_FILE, "cannot detect the format from the header \""
                + shown + "\"; expected REES46 (event_time,event_type,...), Retailrocket (timestamp,visitorid,...), "
                + "UCI (...,Revenue), OTTO JSON lines, or events with time and type columns; name the format");
    }

    private static boolean matches(String[] cols, String[] header) {
        if (cols.length != header.length) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (!cols[i].equals(header[i])) {
                return false;
            }
        }
        return true;
    }
}

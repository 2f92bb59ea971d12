package dev.propensity.spark;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an input or output is: a local path, or a URI of a Hadoop file system ({@code hdfs://}, {@code s3a://},
 * {@code file:///}, ...). Uses no Spark or Hadoop class, so the commands can tell the two apart without Spark on the
 * class path.
 */
public final class Locations {
    private static final Pattern URI_PATTERN = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/.*");

    private Locations() {
    }

    /**
     * Whether a location is a URI with a scheme ({@code hdfs://...}, {@code file:///...}), not a local path.
     *
     * @param location a path or a URI
     * @return whether it is a URI
     */
    public static boolean isUri(String location) {
        return URI_PATTERN.matcher(location).matches();
    }

    /**
     * The URI's scheme in lower case ({@code hdfs}), or {@code null} for a local path.
     *
     * @param location a path or a URI
     * @return the scheme, or {@code null}
     */
    public static String scheme(String location) {
        return isUri(location) ? location.substring(0, location.indexOf(':')).toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The file on this machine a location names: a path as it is, a {@code file:} URI without a host as its path;
     * {@code null} for any other URI (another file system, which only Spark reads).
     *
     * @param location a path or a URI
     * @return the local path, or {@code null}
     */
    public static Path localPath(String location) {
        if (!isUri(location)) {
            return Path.of(location);
        }
        if (!"file".equals(scheme(location))) {
            return null;
        }
        try {
            return Path.of(URI.create(location));
        } catch (IllegalArgumentException e) {
            return null;   // a host, a query, or a malformed URI: not a plain local file
        }
    }
}

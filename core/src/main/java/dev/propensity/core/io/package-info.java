/**
 * Reading inputs: one streaming reader per format, format detection, and the {@link dev.propensity.core.io.Inputs}
 * facade that turns any supported file into sessions.
 *
 * <ul>
 *   <li>{@link dev.propensity.core.io.Inputs}: {@code sessions(path, format-or-null, options)} and
 *       {@code events(...)}; {@link dev.propensity.core.io.InputFormat#detect(java.nio.file.Path)} tells the
 *       format from the first line;</li>
 *   <li>{@link dev.propensity.core.io.EventReader} (pull events) and {@link dev.propensity.core.io.SessionReader}
 *       (pull sessions), both closeable, both with a {@link dev.propensity.core.io.ReadReport};</li>
 *   <li>format readers: {@link dev.propensity.core.io.Rees46Reader} (byte-level, with a low-level
 *       {@link dev.propensity.core.io.Rees46Reader.Visitor}), {@link dev.propensity.core.io.RetailrocketReader},
 *       {@link dev.propensity.core.io.OttoReader} (Jackson streaming), {@link dev.propensity.core.io.GenericEventReader}
 *       (CSV or JSON lines through an {@link dev.propensity.core.io.EventMapping}) and
 *       {@link dev.propensity.core.io.UciSessionReader} (the UCI session table);</li>
 *   <li>{@link dev.propensity.core.io.ReadOptions}: strict (default) or lenient, the sessionizer, the mapping.</li>
 * </ul>
 *
 * <p>Bad input: in strict mode the first bad row throws an (unchecked)
 * {@link dev.propensity.core.io.InputException} whose message names the file, the 1-based line, the column and the
 * problem, and stands on its own; in lenient mode bad rows are skipped and counted by
 * {@link dev.propensity.core.io.RejectReason}. An empty file, a binary file or an unknown header is always an
 * error. I/O failures are {@link java.io.IOException}s.
 *
 * <p>Every reader parses CSV per RFC 4180 (quoted fields with commas, newlines and {@code ""} escapes), strips a
 * UTF-8 byte order mark, accepts LF and CRLF line endings, and skips blank lines.
 */
package dev.propensity.core.io;

package dev.propensity.core.io;

import java.nio.charset.StandardCharsets;

/** Parsing numbers, times and names straight from UTF-8 bytes, without building strings. */
final class Bytes {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Bytes() {
    }

    /** A field as text for an error message: quoted, shortened to 40 characters, control bytes shown as '?'. */
    static String show(byte[] b, int s, int e) {
        int n = Math.min(e - s, 40);
        String t = new String(b, s, n, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            sb.append(c < 0x20 || c == 0xFFFD ? '?' : c);
        }
        if (e - s > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    static RowError notANumber(String column, byte[] b, int s, int e) {
        return new RowError(RejectReason.BAD_NUMBER, column, show(b, s, e) + " is not a number");
    }

    /**
     * Parses a decimal integer (optional leading minus).
     *
     * @throws RowError with {@link RejectReason#BAD_NUMBER} when it is not one, or overflows
     */
    static long parseLong(byte[] b, int s, int e, String column) {
        if (s == e) {
            throw new RowError(RejectReason.MISSING_VALUE, column, "is empty, a number is required");
        }
        int p = s;
        boolean neg = false;
        if (b[p] == '-') {
            neg = true;
            p++;
            if (p == e) {
                throw notANumber(column, b, s, e);
            }
        }
        if (e - p > 18) {
            try {
                return Long.parseLong(new String(b, s, e - s, StandardCharsets.US_ASCII));
            } catch (NumberFormatException x) {
                throw notANumber(column, b, s, e);
            }
        }
        long v = 0;
        for (; p < e; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw notANumber(column, b, s, e);
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /**
     * Parses a decimal number; {@code NaN} and {@code Infinity} are returned as such (callers decide whether they
     * are allowed).
     *
     * @throws RowError with {@link RejectReason#BAD_NUMBER} when it is not a number
     */
    static double parseDouble(byte[] b, int s, int e, String column) {
        if (s == e) {
            throw new RowError(RejectReason.MISSING_VALUE, column, "is empty, a number is required");
        }
        int p = s;
        boolean neg = false;
        if (b[p] == '-' || b[p] == '+') {
            neg = b[p] == '-';
            p++;
        }
        long mant = 0;
        int digits = 0;
        int frac = -1;
        for (; p < e; p++) {
            int c = b[p];
            int d = c - '0';
            if (d >= 0 && d <= 9) {
                mant = mant * 10 + d;
                if (mant != 0 || digits > 0) {
                    digits++;
                }
                if (frac >= 0) {
                    frac++;
                }
            } else if (c == '.' && frac < 0) {
                frac = 0;
            } else {
                return slowDouble(b, s, e, column);
            }
        }
        int fracDigits = Math.max(frac, 0);
        boolean anyDigit = (p - s) > (neg || b[s] == '+' ? 1 : 0) + (frac >= 0 ? 1 : 0);
        if (!anyDigit) {
            throw notANumber(column, b, s, e);
        }
        if (digits > 15 || fracDigits > 22) {
            return slowDouble(b, s, e, column);
        }
        double v = fracDigits == 0 ? mant : mant / POW10[fracDigits];
        return neg ? -v : v;
    }

    private static double slowDouble(byte[] b, int s, int e, String column) {
        String t = new String(b, s, e - s, StandardCharsets.UTF_8);
        switch (t) {
            case "NaN":
            case "nan":
            case "NAN":
                return Double.NaN;
            case "Infinity":
            case "inf":
            case "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                throw notANumber(column, b, s, e);
            }
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException x) {
            throw notANumber(column, b, s, e);
        }
    }

    /**
     * Parses {@code yyyy-MM-dd HH:mm:ss} with an optional {@code " UTC"} suffix (REES46) or a {@code 'T'} between
     * date and time and an optional {@code 'Z'}, into epoch milliseconds (UTC).
     *
     * @throws RowError with {@link RejectReason#BAD_TIME} when the text is not such a time
     */
    static long parseUtcDateTime(byte[] b, int s, int e, String column) {
        int n = e - s;
        boolean ok = n == 19 || (n == 23 && b[s + 19] == ' ' && b[s + 20] == 'U' && b[s + 21] == 'T'
                && b[s + 22] == 'C') || (n == 20 && b[s + 19] == 'Z');
        if (ok && b[s + 4] == '-' && b[s + 7] == '-' && (b[s + 10] == ' ' || b[s + 10] == 'T') && b[s + 13] == ':'
                && b[s + 16] == ':') {
            int y = d4(b, s);
            int mo = d2(b, s + 5);
            int d = d2(b, s + 8);
            int h = d2(b, s + 11);
            int mi = d2(b, s + 14);
            int se = d2(b, s + 17);
            if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h >= 0 && h <= 23
                    && mi >= 0 && mi <= 59 && se >= 0 && se <= 59) {
                long days = daysFromCivil(y, mo, d);
                return ((days * 24 + h) * 60 + mi) * 60_000L + se * 1000L;
            }
        }
        throw new RowError(RejectReason.BAD_TIME, column, show(b, s, e)
                + " is not a time like 2019-11-01 00:00:00 UTC");
    }

    private static int d2(byte[] b, int p) {
        int a = b[p] - '0';
        int c = b[p + 1] - '0';
        if (a < 0 || a > 9 || c < 0 || c > 9) {
            return -1000;
        }
        return a * 10 + c;
    }

    private static int d4(byte[] b, int p) {
        int hi = d2(b, p);
        int lo = d2(b, p + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }

    static int daysInMonth(int y, int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }

    /** Whether the field equals the ASCII text. */
    static boolean equalsAscii(byte[] b, int s, int e, String text) {
        if (e - s != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[s + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the first bytes look like binary data rather than text: a NUL byte, or more than 10% bytes that are
     * control characters or invalid UTF-8.
     */
    static String binaryProblem(byte[] b, int n) {
        int bad = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == 0) {
                return "not a text file: a NUL byte at offset " + i;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                bad++;
            } else if (c >= 0x80) {
                int len = c >= 0xF0 && c < 0xF8 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
                if (len == 0 || c >= 0xF8) {
                    bad++;
                    continue;
                }
                int j = 1;
                while (j < len && i + j < n && (b[i + j] & 0xC0) == 0x80) {
                    j++;
                }
                if (j < len && i + j < n) {
                    bad++;
                } else {
                    i += j - 1;
                }
            }
        }
        if (n > 0 && bad * 10 > n) {
            return "not a text file: " + bad + " of the first " + n + " bytes are control bytes or invalid UTF-8";
        }
        return null;
    }
}

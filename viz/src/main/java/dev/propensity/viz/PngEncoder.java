package dev.propensity.viz;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small, fast PNG writer for opaque chart images: 8-bit RGB, the "Sub" filter on every row (flat chart areas
 * become runs of zeros) and fast deflate. ImageIO's PNG writer copies the image row by row through generic
 * rasters, which made it the slowest step of writing a dashboard.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int LEVEL = 4;

    private PngEncoder() {
    }

    static byte[] encode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData() : null;
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream(w * h / 4 + 1024);
            Deflater deflater = new Deflater(LEVEL);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                byte[] row = new byte[1 + 3 * w];
                int[] line = pixels == null ? new int[w] : null;
                row[0] = 1; // Sub filter
                for (int y = 0; y < h; y++) {
                    int off;
                    int[] src;
                    if (pixels != null) {
                        src = pixels;
                        off = y * w;
                    } else {
                        image.getRGB(0, y, w, 1, line, 0, w);
                        src = line;
                        off = 0;
                    }
                    subFilter(src, off, w, row);
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 128);
            DataOutputStream d = new DataOutputStream(out);
            d.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream(13);
            DataOutputStream hd = new DataOutputStream(ihdr);
            hd.writeInt(w);
            hd.writeInt(h);
            hd.writeByte(8); // bit depth
            hd.writeByte(2); // colour type: RGB
            hd.writeByte(0); // deflate
            hd.writeByte(0); // adaptive filtering
            hd.writeByte(0); // no interlace
            chunk(d, "IHDR", ihdr.toByteArray());
            chunk(d, "IDAT", idat.toByteArray());
            chunk(d, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }

    /**
     * One row as RGB bytes under the "Sub" filter (each byte minus the same channel of the pixel to its left),
     * after the filter-type byte. A method of its own: small, so the JIT compiles it quickly in a fresh JVM.
     */
    private static void subFilter(int[] src, int off, int w, byte[] row) {
        int pr = 0;
        int pg = 0;
        int pb = 0;
        for (int x = 0, j = 1; x < w; x++) {
            int p = src[off + x];
            int r = (p >>> 16) & 0xFF;
            int g = (p >>> 8) & 0xFF;
            int b = p & 0xFF;
            row[j++] = (byte) (r - pr);
            row[j++] = (byte) (g - pg);
            row[j++] = (byte) (b - pb);
            pr = r;
            pg = g;
            pb = b;
        }
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}

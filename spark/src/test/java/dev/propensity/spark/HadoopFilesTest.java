package dev.propensity.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.propensity.core.SimulatorConfig;
import dev.propensity.core.SyntheticSessions;
import dev.propensity.core.io.InputException;
import dev.propensity.core.io.InputFormat;
import dev.propensity.core.io.ReadOptions;
import dev.propensity.features.Cutoffs;
import dev.propensity.features.FeatureTable;
import dev.propensity.features.FeatureTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text inputs through Hadoop's FileSystem API: file:// URIs on the local Hadoop file system, no network. */
class HadoopFilesTest extends SparkTestSession {
    @TempDir
    static Path dir;

    private static List<Row> rows(String location, InputFormat format) throws IOException {
        return engine.run(() -> engine.featureRows(location, format, Cutoffs.beforeFirstPurchase(),
                ReadOptions.defaults()).collectAsList());
    }

    @Test
    void fileUrisOfRees46RangesAndOfAnEventsDirectoryGiveTheSingleMachineRows() throws IOException {
        Path rees = dir.resolve("sim-rees46.csv");
        SyntheticSessions.writeRees46(rees, 1500, 7, SimulatorConfig.rees46());
        FeatureTable single = FeatureTables.builder().build(rees, null, ReadOptions.defaults()).table();
        assertThat(Files.size(rees)).isGreaterThan(4 * 16 * 1024);   // several 16 KiB ranges
        assertThat(Locations.isUri(rees.toUri().toString())).isTrue();
        assertThat(Locations.isUri(rees.toString())).isFalse();
        SparkFeaturesTest.assertSameRows(rows(rees.toUri().toString(), null), single);

        Path folder = Files.createDirectories(dir.resolve("events-dir"));
        SyntheticSessions.writeEvents(folder.resolve("part-0.csv"), 700, 8, SimulatorConfig.defaults());
        Files.writeString(folder.resolve("_SUCCESS"), "");
        FeatureTable part = FeatureTables.builder().build(folder.resolve("part-0.csv"), null, ReadOptions.defaults())
                .table();
        SparkFeaturesTest.assertSameRows(rows(folder.toUri().toString(), null), part);
    }

    @Test
    void aBadRowInALaterRangeOfAUriNamesTheUriAndTheLine() throws IOException {
        Path file = dir.resolve("bad.csv");
        SyntheticSessions.writeRees46(file, 600, 5, SimulatorConfig.rees46());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int bad = lines.size() - 20;
        String[] f = lines.get(bad).split(",", -1);
        f[6] = "-3.5";
        lines.set(bad, String.join(",", f));
        Files.write(file, lines, StandardCharsets.UTF_8);
        InputException single = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> FeatureTables.builder().build(file, InputFormat.REES46, ReadOptions.defaults()));
        String uri = file.toUri().toString();
        assertThatThrownBy(() -> rows(uri, InputFormat.REES46))
                .isInstanceOf(InputException.class)
                .hasMessage(single.getMessage().replace(file.toString(), uri))
                .hasMessageStartingWith(uri + ":" + (bad + 1) + ": ");
    }

    @Test
    void aMissingUriIsABadFileNamingIt() {
        String uri = dir.resolve("absent.csv").toUri().toString();
        assertThatThrownBy(() -> rows(uri, null)).isInstanceOf(InputException.class)
                .hasMessage(uri + ": no such file");
    }

    @Test
    void rangesOfAUriAreTheRangesOfTheLocalFile() throws IOException {
        Path rees = dir.resolve("ranges.csv");
        SyntheticSessions.writeRees46(rees, 300, 3, SimulatorConfig.rees46());
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<long[]> local = SparkEvents.ranges(rees, 4096);
        List<long[]> viaHadoop = HadoopFiles.ranges(conf, HadoopFiles.files(conf, rees.toUri().toString()).get(0),
                4096);
        assertThat(viaHadoop).hasSameSizeAs(local);
        for (int i = 0; i < local.size(); i++) {
            assertThat(viaHadoop.get(i)).containsExactly(local.get(i));
        }
        // a staged range holds the file's bytes at the same offsets
        long[] r = local.get(2);
        Path staged = HadoopFiles.stage(conf, rees.toUri().toString(), r[0], r[1], 100);
        try {
            byte[] all = Files.readAllBytes(rees);
            byte[] got = Files.readAllBytes(staged);
            assertThat(got).hasSize((int) r[1]);
            assertThat(java.util.Arrays.copyOfRange(got, (int) r[0], (int) r[1]))
                    .isEqualTo(java.util.Arrays.copyOfRange(all, (int) r[0], (int) r[1]));
            int header = new String(all, 0, 200, StandardCharsets.UTF_8).indexOf('\n') + 1;
            assertThat(java.util.Arrays.copyOfRange(got, 0, header)).isEqualTo(java.util.Arrays.copyOfRange(all, 0,
                    header));
            assertThat(got[Math.max(header, 100) + 1]).isZero();   // the hole between the head and the range
        } finally {
            HadoopFiles.delete(staged);
        }
        assertThat(staged).doesNotExist();
    }
}

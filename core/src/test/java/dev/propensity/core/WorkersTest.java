package dev.propensity.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private static List<Workers.Task<Integer>> squares(int n) {
        List<Workers.Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            tasks.add(() -> k * k);
        }
        return tasks;
    }

    @Test
    void resultsComeBackInTaskOrderOnAnyWorkers() throws IOException {
        ForkJoinPool pool = Workers.newPool(3, "test");
        try {
            for (Workers w : List.of(Workers.defaults(), Workers.callerOnly(), Workers.of(pool))) {
                assertThat(w.run(squares(50))).containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 50).map(i -> i * i).boxed().toList());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void callerOnlyRunsEverythingOnTheCallingThread() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        List<Workers.Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(() -> {
                seen.add(Thread.currentThread());
                return null;
            });
        }
        Workers.callerOnly().compute(tasks);
        assertThat(seen).containsExactly(Thread.currentThread());
        assertThat(Workers.callerOnly().parallelism()).isEqualTo(1);
    }

    @Test
    void aPoolRunsTasksOnItsOwnThreadsAndTheCaller() throws Exception {
        ForkJoinPool pool = Workers.newPool(2, "mine");
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
            List<Workers.Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                tasks.add(() -> {
                    names.add(Thread.currentThread().getName());
                    both.countDown();
                    try {
                        // two tasks must be running at the same time for both to pass
                        assertThat(both.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                });
            }
            Workers.of(pool).run(tasks);
            assertThat(names).hasSize(2).contains(Thread.currentThread().getName());
            assertThat(names).anyMatch(n -> n.startsWith("mine-"));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void nestedTasksOnTheSameWorkersDoNotDeadlock() {
        ForkJoinPool pool = Workers.newPool(2, "nested");
        try {
            Workers w = Workers.of(pool);
            List<Workers.Task<Integer>> outer = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                outer.add(() -> w.compute(squares(20)).stream().mapToInt(Integer::intValue).sum());
            }
            assertThat(w.compute(outer)).hasSize(8).containsOnly(2470);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theLowestNumberedFailureIsRethrownAfterEveryTaskFinished() {
        AtomicInteger finished = new AtomicInteger();
        List<Workers.Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int k = i;
            tasks.add(() -> {
                if (k == 2) {
                    throw new IllegalArgumentException("task 2 failed");
                }
                if (k == 4) {
                    throw new IOException("task 4 failed");
                }
                finished.incrementAndGet();
                return null;
            });
        }
        ForkJoinPool pool = Workers.newPool(2, "failing");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Workers.of(pool).run(tasks));
            assertThat(e).hasMessage("task 2 failed");
            assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("task 4 failed");
            assertThat(finished.get()).isEqualTo(4);
        } finally {
            pool.shutdown();
        }
        finished.set(0);
        assertThrows(IllegalArgumentException.class, () -> Workers.callerOnly().run(tasks));
        assertThat(finished.get()).as("a serial run stops at its first failure, as a plain loop").isEqualTo(2);
    }

    @Test
    void anIoFailureStaysAnIoException() {
        List<Workers.Task<Void>> tasks = List.of(() -> null, () -> {
            throw new IOException("disk gone");
        });
        IOException e = assertThrows(IOException.class, () -> Workers.defaults().run(tasks));
        assertThat(e).hasMessage("disk gone");
        assertThrows(java.io.UncheckedIOException.class, () -> Workers.defaults().compute(tasks));
    }

    @Test
    void blocksCoverTheRangeOnceWithBoundariesIndependentOfThePool() {
        int[] hits = new int[1000];
        int[][] bounds = new int[7][];
        Workers.defaults().forBlocks(1000, 7, (b, from, to) -> {
            bounds[b] = new int[] {from, to};
            for (int i = from; i < to; i++) {
                hits[i]++;
            }
        });
        assertThat(hits).containsOnly(1);
        int[][] serial = new int[7][];
        Workers.callerOnly().forBlocks(1000, 7, (b, from, to) -> serial[b] = new int[] {from, to});
        assertThat(bounds).isDeepEqualTo(serial);
        int[] calls = new int[1];
        Workers.defaults().forBlocks(3, 8, (b, from, to) -> {
            synchronized (calls) {
                calls[0]++;
            }
            assertThat(to - from).isEqualTo(1);
        });
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Workers.newPool(0, "x")))
                .hasMessage("threads must be >= 1, was 0");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> Workers.defaults().forBlocks(-1, 2, (b, f, t) -> { })))
                .hasMessage("n must be >= 0, was -1");
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> Workers.defaults().forBlocks(5, 0, (b, f, t) -> { })))
                .hasMessage("blocks must be >= 1, was 0");
    }
}

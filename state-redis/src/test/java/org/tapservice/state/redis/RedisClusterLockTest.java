package org.tapservice.state.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RedisClusterLock} on the local Redis, instances racing for it as a cluster's would. */
class RedisClusterLockTest {

    private static final Duration LONG_HOLD = Duration.ofMinutes(1);
    /** A bound on the wait for a hold to lapse, never an expectation of speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private JobKeys keys;

    @BeforeEach
    void newNamespace() {
        keys = redis.keys();
    }

    @Test
    void ofTwentyInstancesRacingForALockOneGetsIt() throws Exception {
        int instances = 20;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Boolean> acquired = new ArrayList<>();
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                RedisClusterLock lock = new RedisClusterLock(redis.factory(), keys);
                outcomes.add(pool.submit(() -> {
                    go.await(20, SECONDS);
                    return lock.tryAcquire("reaper", LONG_HOLD);
                }));
            }
            go.countDown();
            for (Future<Boolean> outcome : outcomes) {
                acquired.add(outcome.get(20, SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(20, SECONDS)).isTrue();
        }

        assertThat(acquired).containsOnlyOnce(true);
        assertThat(redis.template().getExpire(keys.lock("reaper"), SECONDS)).isBetween(1L, LONG_HOLD.toSeconds());
    }

    @Test
    void aLockIsTakenAgainOnceItsHoldLapses() throws InterruptedException {
        RedisClusterLock first = new RedisClusterLock(redis.factory(), keys);
        RedisClusterLock second = new RedisClusterLock(redis.factory(), keys);
        Duration hold = Duration.ofMillis(500);
        assertThat(first.tryAcquire("rebuild", hold)).isTrue();
        assertThat(second.tryAcquire("rebuild", hold)).as("while held").isFalse();

        Instant giveUp = Instant.now().plus(PATIENCE);
        boolean retaken = false;
        while (!retaken && Instant.now().isBefore(giveUp)) {
            Thread.sleep(hold.dividedBy(6));
            retaken = second.tryAcquire("rebuild", LONG_HOLD);
        }

        assertThat(retaken).isTrue();
        assertThat(first.tryAcquire("rebuild", hold)).as("now held by the second").isFalse();
    }

    @Test
    void locksOfDifferentNamesAreIndependent() {
        JobKeys otherNamespace = redis.newNamespace();
        RedisClusterLock lock = new RedisClusterLock(redis.factory(), keys);
        RedisClusterLock elsewhere = new RedisClusterLock(redis.factory(), otherNamespace);

        assertThat(lock.tryAcquire("reaper", LONG_HOLD)).isTrue();
        assertThat(lock.tryAcquire("rebuild", LONG_HOLD)).isTrue();
        assertThat(lock.tryAcquire("reaper", LONG_HOLD)).isFalse();
        assertThat(elsewhere.tryAcquire("reaper", LONG_HOLD)).as("another namespace").isTrue();
    }

    @Test
    void aLockNameThatWouldBreakItsHashTagOrAHoldUnderAMillisecondIsRefused() {
        RedisClusterLock lock = new RedisClusterLock(redis.factory(), keys);

        assertThatThrownBy(() -> lock.tryAcquire("re}aper", LONG_HOLD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.tryAcquire(" ", LONG_HOLD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.tryAcquire("reaper", Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(redis.keys(keys)).isEmpty();
    }
}

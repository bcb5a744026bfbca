package org.tapservice.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tapservice.core.uws.JobId;

/**
 * The contract of every {@link ConversionStates}: one converter per conversion at a time, a
 * lease that lapses unless renewed, a stored mark that stays until its time. A store's test
 * extends this class and returns a fresh store from {@link #newStates()}. Leases here last
 * {@link #SHORT_LEASE}; a test that needs one to lapse waits for it, at most {@link #PATIENCE}.
 */
public abstract class ConversionStatesContract {

    protected static final Duration SHORT_LEASE = Duration.ofMillis(300);
    private static final Duration LONG_LEASE = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final SecureRandom random = new SecureRandom();
    private ConversionStates states;
    private JobId job;

    /** The store under test, new for each test. */
    protected abstract ConversionStates newStates();

    @BeforeEach
    void createStates() {
        states = newStates();
        job = JobId.random(random);
    }

    @Test
    void theFirstClaimOfAConversionIsGrantedAndTheNextSeesWhoConvertsSinceWhen() {
        Instant before = Instant.now().minusSeconds(1);

        ConversionClaim first = states.claim(job, "result-csv", "instance-a", LONG_LEASE);
        ConversionClaim second = states.claim(job, "result-csv", "instance-b", LONG_LEASE);

        assertThat(first).isInstanceOf(ConversionClaim.Granted.class);
        assertThat(((ConversionClaim.Granted) first).lease().resultId()).isEqualTo("result-csv");
        ConversionState.Converting converting = (ConversionState.Converting) ((ConversionClaim.Taken) second).state();
        assertThat(converting.converter()).isEqualTo("instance-a");
        assertThat(converting.since()).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void conversionsOfOneJobToDifferentFormatsAndOfDifferentJobsAreIndependent() {
        assertThat(states.claim(job, "result-csv", "a", LONG_LEASE)).isInstanceOf(ConversionClaim.Granted.class);
        assertThat(states.claim(job, "result-fits", "a", LONG_LEASE)).isInstanceOf(ConversionClaim.Granted.class);
        assertThat(states.claim(JobId.random(random), "result-csv", "a", LONG_LEASE))
                .isInstanceOf(ConversionClaim.Granted.class);
    }

    @Test
    void aFinishedConversionIsStoredWithItsSizeForEveryLaterClaim() {
        ConversionLease lease = granted("a", LONG_LEASE);

        assertThat(states.finish(lease, 1234, Instant.now().plus(Duration.ofDays(1)))).isTrue();

        assertThat(states.claim(job, "result-csv", "b", LONG_LEASE))
                .isEqualTo(new ConversionClaim.Taken(new ConversionState.Stored(1234)));
        assertThat(states.states(job, List.of("result-csv", "result-fits")))
                .isEqualTo(Map.of("result-csv", new ConversionState.Stored(1234)));
    }

    @Test
    void aLeaseThatIsNotRenewedLapsesAndTheNextClaimIsGrantedToAnother() throws InterruptedException {
        ConversionLease dead = granted("dies", SHORT_LEASE);

        ConversionClaim claim = claimUntilGranted("b");

        assertThat(claim).isInstanceOf(ConversionClaim.Granted.class);
        assertThat(states.renew(dead, LONG_LEASE)).as("the dead converter's lease is gone").isFalse();
        assertThat(states.finish(dead, 1, Instant.now().plusSeconds(60))).isFalse();
        assertThat(states.states(job, List.of("result-csv")).get("result-csv"))
                .isInstanceOfSatisfying(ConversionState.Converting.class, c -> assertThat(c.converter()).isEqualTo("b"));
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstLeaseTime() throws InterruptedException {
        ConversionLease lease = granted("a", SHORT_LEASE);

        for (int i = 0; i < 6; i++) {
            Thread.sleep(SHORT_LEASE.toMillis() / 3);
            assertThat(states.renew(lease, SHORT_LEASE)).isTrue();
        }

        assertThat(states.claim(job, "result-csv", "b", LONG_LEASE)).isInstanceOf(ConversionClaim.Taken.class);
    }

    @Test
    void aReleasedConversionCanBeClaimedAtOnceAndOnlyItsHolderReleasesIt() {
        ConversionLease lease = granted("a", LONG_LEASE);
        states.release(new ConversionLease(job, "result-csv", "someone-elses-token"));
        assertThat(states.claim(job, "result-csv", "b", LONG_LEASE)).isInstanceOf(ConversionClaim.Taken.class);

        states.release(lease);

        assertThat(states.claim(job, "result-csv", "b", LONG_LEASE)).isInstanceOf(ConversionClaim.Granted.class);
        assertThat(states.renew(lease, LONG_LEASE)).isFalse();
    }

    @Test
    void aStoredMarkLapsesAtItsTime() throws InterruptedException {
        ConversionLease lease = granted("a", LONG_LEASE);
        assertThat(states.finish(lease, 10, Instant.now().plus(SHORT_LEASE))).isTrue();

        assertThat(claimUntilGranted("b")).isInstanceOf(ConversionClaim.Granted.class);
    }

    @Test
    void ofManyClaimsAtOnceExactlyOneIsGranted() throws Exception {
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<ConversionClaim>> claims = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String converter = "c" + i;
                claims.add(pool.submit(() -> {
                    start.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                    return states.claim(job, "result-csv", converter, LONG_LEASE);
                }));
            }
            int granted = 0;
            for (Future<ConversionClaim> claim : claims) {
                if (claim.get(PATIENCE.toSeconds(), TimeUnit.SECONDS) instanceof ConversionClaim.Granted) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(1);
        }
    }

    private ConversionLease granted(String converter, Duration leaseTime) {
        return ((ConversionClaim.Granted) states.claim(job, "result-csv", converter, leaseTime)).lease();
    }

    /** Claims again and again until a claim is granted (a mark has lapsed), at most {@link #PATIENCE}. */
    private ConversionClaim claimUntilGranted(String converter) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        ConversionClaim claim = states.claim(job, "result-csv", converter, LONG_LEASE);
        while (!(claim instanceof ConversionClaim.Granted) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            claim = states.claim(job, "result-csv", converter, LONG_LEASE);
        }
        return claim;
    }
}

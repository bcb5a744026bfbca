package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryJobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.PhaseChange;

/**
 * The requests of one instance waiting for jobs to change (blocking WAIT, UWS 2.2.1.1), woken
 * by the instance's one subscription to the job events. The events here are delivered on the
 * publishing thread, so a waiter that was going to be woken has been by the time
 * {@code publish} returns, and "not woken" is checked without waiting.
 */
class JobWaitersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int THREADS = 16;
    private static final int ROUNDS = 500;

    private final SecureRandom random = new SecureRandom();
    private final InMemoryJobEvents events = new InMemoryJobEvents();
    private final JobWaiters waiters = new JobWaiters(events);

    @AfterEach
    void close() {
        waiters.close();
    }

    @Test
    void aWaiterRegisteredBeforeAChangeSeesIt() throws InterruptedException {
        JobId job = newId();
        try (JobWaiters.Waiter waiter = waiters.register(job)) {
            events.publish(new PhaseChange(job, ExecutionPhase.COMPLETED));

            assertThat(waiter.awaitChange(PATIENCE)).isTrue();
        }
    }

    @Test
    void everyWaiterOfTheJobSeesTheChange() throws InterruptedException {
        JobId job = newId();
        try (JobWaiters.Waiter first = waiters.register(job); JobWaiters.Waiter second = waiters.register(job)) {
            events.publish(new PhaseChange(job, ExecutionPhase.QUEUED));

            assertThat(first.awaitChange(PATIENCE)).isTrue();
            assertThat(second.awaitChange(PATIENCE)).isTrue();
        }
    }

    @Test
    void aChangeBeforeTheWaiterRegisteredIsNotSeen() throws InterruptedException {
        JobId job = newId();
        events.publish(new PhaseChange(job, ExecutionPhase.QUEUED));

        try (JobWaiters.Waiter waiter = waiters.register(job)) {
            assertThat(waiter.awaitChange(Duration.ZERO)).isFalse();
        }
    }

    @Test
    void changesOfOtherJobsDoNotWakeAWaiter() throws InterruptedException {
        JobId watched = newId();
        try (JobWaiters.Waiter waiter = waiters.register(watched)) {
            events.publish(new PhaseChange(newId(), ExecutionPhase.QUEUED));
            events.publish(new PhaseChange(newId(), ExecutionPhase.ABORTED));

            assertThat(waiter.awaitChange(Duration.ZERO)).isFalse();
        }
    }

    @Test
    void aWaiterThatHeardNothingReturnsWhenItsTimeRunsOut() throws InterruptedException {
        try (JobWaiters.Waiter waiter = waiters.register(newId())) {
            assertThat(waiter.awaitChange(Duration.ofMillis(50))).isFalse();
            assertThat(waiter.awaitChange(Duration.ofSeconds(-1))).as("a time already past").isFalse();
        }
    }

    @Test
    void closedWaitersAreRemovedAndHearNothingMore() throws InterruptedException {
        JobId job = newId();
        JobWaiters.Waiter first = waiters.register(job);
        JobWaiters.Waiter second = waiters.register(job);
        JobWaiters.Waiter other = waiters.register(newId());
        assertThat(waiters.size()).isEqualTo(3);

        first.close();
        assertThat(waiters.size()).isEqualTo(2);
        first.close();
        assertThat(waiters.size()).as("closing twice removes once").isEqualTo(2);
        second.close();
        other.close();
        assertThat(waiters.size()).isZero();

        events.publish(new PhaseChange(job, ExecutionPhase.COMPLETED));
        assertThat(first.awaitChange(Duration.ZERO)).isFalse();
    }

    @Test
    void closingTheWaitersEndsTheirSubscriptionToTheEvents() {
        int before = events.subscriptions();

        waiters.close();

        assertThat(events.subscriptions()).isEqualTo(before - 1);
    }

    /**
     * Many requests coming and going on the same few jobs: each hears the change published
     * after it registered (a waiter that joined a set another one's close was dropping would
     * not), and when all are gone none is left behind.
     */
    @Test
    void waitersRegisteredAndClosedFromManyThreadsAtOnceEachHearTheirChangeAndLeaveNoneBehind()
            throws Exception {
        List<JobId> jobs = IntStream.range(0, 3).mapToObj(i -> newId()).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            JobId job = jobs.get(thread % jobs.size());
            requests.add(() -> {
                start.await();
                int missed = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    try (JobWaiters.Waiter waiter = waiters.register(job)) {
                        events.publish(new PhaseChange(job, ExecutionPhase.EXECUTING));
                        if (!waiter.awaitChange(Duration.ZERO)) {
                            missed++;
                        }
                    }
                }
                return missed;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> missed = requests.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> request : missed) {
                assertThat(request.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("changes missed").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(waiters.size()).isZero();
        for (JobId job : jobs) {
            try (JobWaiters.Waiter late = waiters.register(job)) {
                events.publish(new PhaseChange(job, ExecutionPhase.COMPLETED));
                assertThat(late.awaitChange(Duration.ZERO)).as("a waiter after the crowd still hears").isTrue();
            }
        }
    }

    private JobId newId() {
        return JobId.random(random);
    }
}

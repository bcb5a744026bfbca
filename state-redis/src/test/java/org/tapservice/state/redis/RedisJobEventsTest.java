package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.types.RedisClientInfo;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.PhaseChange;

/**
 * {@link RedisJobEvents} on the local Redis: several instances on one namespace hear each other
 * and no other namespace, subscriptions are local and immediate, and a bad message or listener
 * harms nobody else.
 */
class RedisJobEventsTest {

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private final SecureRandom random = new SecureRandom();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private JobKeys keys;

    @BeforeEach
    void newNamespace() {
        keys = redis.keys();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aChangePublishedOnOneInstanceReachesTheListenersOfEveryInstanceOfItsNamespace() throws Exception {
        RedisJobEvents publisher = events(keys);
        RedisJobEvents other = events(keys);
        BlockingQueue<PhaseChange> heardHere = listen(publisher);
        BlockingQueue<PhaseChange> heardThere = listen(other);
        PhaseChange change = change(ExecutionPhase.COMPLETED);

        publisher.publish(change);

        assertThat(heardThere.poll(10, SECONDS)).isEqualTo(change);
        assertThat(heardHere.poll(10, SECONDS)).isEqualTo(change);
    }

    @Test
    void aChangeCarriesItsJobsOwnerWhateverCharactersTheOwnerHolds() throws Exception {
        RedisJobEvents publisher = events(keys);
        BlockingQueue<PhaseChange> heard = listen(events(keys));
        PhaseChange owned = new PhaseChange(JobId.random(random), ExecutionPhase.QUEUED,
                Optional.of("CN=Ann Lee, O=Archive {x} ünï"));

        publisher.publish(owned);

        assertThat(heard.poll(10, SECONDS)).isEqualTo(owned);
    }

    @Test
    void aChangeDoesNotReachTheListenersOfAnotherNamespace() throws Exception {
        JobKeys otherKeys = redis.newNamespace();
        RedisJobEvents publisher = events(keys);
        RedisJobEvents otherPublisher = events(otherKeys);
        BlockingQueue<PhaseChange> heardElsewhere = listen(events(otherKeys));
        PhaseChange marker = change(ExecutionPhase.ABORTED);

        publisher.publish(change(ExecutionPhase.EXECUTING));
        // Redis delivers to a subscriber in the order it publishes: once the later marker is
        // heard, the first change would have been heard before it
        otherPublisher.publish(marker);

        assertThat(heardElsewhere.poll(10, SECONDS)).isEqualTo(marker);
        assertThat(heardElsewhere).isEmpty();
    }

    @Test
    void aPublishRightAfterSubscribingIsHeard() throws Exception {
        RedisJobEvents publisher = events(keys);
        for (int i = 0; i < 10; i++) {
            RedisJobEvents fresh = events(keys);
            BlockingQueue<PhaseChange> heard = new LinkedBlockingQueue<>();
            fresh.subscribe(heard::add);
            PhaseChange change = change(ExecutionPhase.QUEUED);

            publisher.publish(change);

            assertThat(heard.poll(10, SECONDS)).as("instance %d", i).isEqualTo(change);
        }
    }

    @Test
    void aClosedSubscriptionIsCalledNoMore() throws Exception {
        RedisJobEvents events = events(keys);
        BlockingQueue<PhaseChange> closed = new LinkedBlockingQueue<>();
        JobEvents.Subscription subscription = events.subscribe(closed::add);
        BlockingQueue<PhaseChange> open = listen(events);
        PhaseChange first = change(ExecutionPhase.EXECUTING);
        events.publish(first);
        assertThat(closed.poll(10, SECONDS)).isEqualTo(first);
        assertThat(open.poll(10, SECONDS)).isEqualTo(first);

        subscription.close();
        PhaseChange second = change(ExecutionPhase.COMPLETED);
        events.publish(second);

        // both are called on one thread in the order subscribed: once the later one has heard
        // the change, the closed one would have too
        assertThat(open.poll(10, SECONDS)).isEqualTo(second);
        assertThat(closed).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() throws Exception {
        RedisJobEvents events = events(keys);
        events.subscribe(change -> {
            throw new IllegalStateException("a listener's own failure");
        });
        BlockingQueue<PhaseChange> heard = listen(events);
        PhaseChange change = change(ExecutionPhase.ERROR);

        events.publish(change);
        events.publish(change);

        assertThat(heard.poll(10, SECONDS)).isEqualTo(change);
        assertThat(heard.poll(10, SECONDS)).isEqualTo(change);
    }

    @Test
    void aMalformedMessageIsIgnored() throws Exception {
        RedisJobEvents events = events(keys);
        BlockingQueue<PhaseChange> heard = listen(events);
        PhaseChange change = change(ExecutionPhase.COMPLETED);

        for (String malformed : List.of("", "nonsense", JobId.random(random).value() + " FINISHED",
                "not-an-id EXECUTING", JobId.random(random).value() + "EXECUTING")) {
            redis.template().convertAndSend(keys.events(), malformed);
        }
        events.publish(change);

        assertThat(heard.poll(10, SECONDS)).isEqualTo(change);
        assertThat(heard).isEmpty();
    }

    @Test
    void closingTheEventsEndsItsRedisSubscription() throws Exception {
        RedisJobEvents events = events(keys);
        events.subscribe(change -> { });
        assertThat(subscribers(keys)).isOne();

        events.close();

        // the unsubscription travels on the subscription's own connection, which Redis may read
        // after this test's: wait for it, within a bound
        long left = subscribers(keys);
        for (int i = 0; i < 100 && left > 0; i++) {
            Thread.sleep(100);
            left = subscribers(keys);
        }
        assertThat(left).isZero();
    }

    @Test
    void theSubscriptionOutlivesALostConnection() throws Exception {
        String clientName = "tap-test-events-" + UUID.randomUUID();
        LettuceConnectionFactory named = TestRedis.startedFactory(LettuceClientConfiguration.builder()
                .clientName(clientName).build());
        opened.add(named::destroy);
        RedisJobEvents events = new RedisJobEvents(named, keys);
        opened.add(events);
        BlockingQueue<PhaseChange> heard = listen(events);

        List<ClientConnection> killed = subscribedConnections(clientName);
        killed.forEach(RedisJobEventsTest::kill);

        assertThat(killed).as("the subscription's connections").isNotEmpty();
        PhaseChange change = change(ExecutionPhase.COMPLETED);
        // delivery is at most once: while the connection is being made again, changes are lost
        PhaseChange received = null;
        for (int i = 0; i < 200 && received == null; i++) {
            events.publish(change);
            received = heard.poll(100, MILLISECONDS);
        }
        assertThat(received).isEqualTo(change);
        assertThat(subscribedConnections(clientName)).as("a connection made again").isNotEmpty()
                .doesNotContainAnyElementsOf(killed);
    }

    private RedisJobEvents events(JobKeys namespace) {
        RedisJobEvents events = new RedisJobEvents(redis.factory(), namespace);
        opened.add(events);
        return events;
    }

    private static BlockingQueue<PhaseChange> listen(RedisJobEvents events) {
        BlockingQueue<PhaseChange> heard = new LinkedBlockingQueue<>();
        events.subscribe(heard::add);
        return heard;
    }

    private PhaseChange change(ExecutionPhase phase) {
        return new PhaseChange(JobId.random(random), phase);
    }

    /** PUBSUB NUMSUB of the namespace's channel. */
    private static long subscribers(JobKeys namespace) throws Exception {
        if (TestRedis.onCluster()) {
            // each node counts only its own subscribers
            long subscribers = 0;
            for (int port : TestRedis.cluster().nodePorts()) {
                subscribers += Long.parseLong(TestRedis.cluster().cli(port, "pubsub", "numsub", namespace.events())
                        .lines().toList().get(1).strip());
            }
            return subscribers;
        }
        byte[] channel = namespace.events().getBytes(UTF_8);
        // one entry, keyed by an array of its own
        return lettuce(commands -> commands.pubsubNumsub(channel)).values().iterator().next();
    }

    /** One connection of a client: the port of the Redis (on a cluster, the node) holding it and its id there. */
    private record ClientConnection(int port, String id) {
    }

    /** The named client's connections that are subscribed to something. */
    private static List<ClientConnection> subscribedConnections(String clientName) {
        if (TestRedis.onCluster()) {
            // each node lists only its own clients
            List<ClientConnection> found = new ArrayList<>();
            for (int port : TestRedis.cluster().nodePorts()) {
                for (String line : TestRedis.cluster().cli(port, "client", "list").lines().toList()) {
                    Map<String, String> client = new HashMap<>();
                    for (String field : line.split(" ")) {
                        int equals = field.indexOf('=');
                        if (equals > 0) {
                            client.put(field.substring(0, equals), field.substring(equals + 1));
                        }
                    }
                    if (clientName.equals(client.get("name")) && !"0".equals(client.get("sub"))) {
                        found.add(new ClientConnection(port, client.get("id")));
                    }
                }
            }
            return found;
        }
        List<RedisClientInfo> clients = redis.template().execute((RedisCallback<List<RedisClientInfo>>)
                connection -> connection.serverCommands().getClientList());
        return clients.stream()
                .filter(client -> clientName.equals(client.getName()))
                .filter(client -> !"0".equals(client.get("sub")))
                .map(client -> new ClientConnection(Integer.getInteger("redis.port", 6379), client.get("id")))
                .toList();
    }

    /** CLIENT KILL ID: that one connection, as a network failure or a Redis restart would. */
    private static void kill(ClientConnection connection) {
        if (TestRedis.onCluster()) {
            TestRedis.cluster().cli(connection.port(), "client", "kill", "id", connection.id());
            return;
        }
        try {
            lettuce(commands -> commands.clientKill(KillArgs.Builder.id(Long.parseLong(connection.id()))));
        } catch (Exception e) {
            throw new AssertionError("could not kill connection " + connection.id(), e);
        }
    }

    /** A command Spring's connection does not offer, sent with Lettuce's own on the shared connection. */
    @SuppressWarnings("unchecked")
    private static <T> T lettuce(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command)
            throws Exception {
        try (RedisConnection connection = redis.factory().getConnection()) {
            return command.apply((RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection())
                    .get(10, SECONDS);
        }
    }
}

package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.PhaseChange;

/**
 * The {@link JobEvents} on Redis pub/sub: a change is PUBLISHed on one channel
 * ({@link JobKeys#events()}) as {@code <job id> <PHASE>}, followed by the job's owner in
 * URL-safe base64 when the change names one (what routes it to that owner's job list
 * streams), and each RedisJobEvents holds one
 * subscription to that channel, whose messages it hands to its own listeners. Subscribing a
 * listener is therefore local: the Redis subscription is confirmed before the constructor
 * returns, so a change published after {@link #subscribe} returns reaches the listener (unless
 * a connection drops it, which the port allows).
 *
 * <p>The subscription is a Spring Data Redis {@link RedisMessageListenerContainer} on the
 * factory rather than a Lettuce pub/sub connection of our own: the container takes its
 * connection from the factory whatever kind it is (standalone, Sentinel, cluster), waits for
 * Redis to confirm the subscription when it starts, retries with back-off a subscription that
 * fails, and closes it cleanly on stop; across a lost connection, Lettuce reconnects and
 * subscribes again by itself. A connection of our own would need all of that written here.
 *
 * <p>Messages reach the listeners on one thread of this instance, in the order received, and
 * never on Lettuce's I/O thread: a listener that calls Redis (a WAIT reading the job, say) would
 * there wait for an answer that very thread has to deliver. A malformed message is logged and
 * ignored; a listener that throws is logged and the others are still called.
 */
public final class RedisJobEvents implements JobEvents, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisJobEvents.class);
    private static final Base64.Encoder OWNER_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final SharedConnection redis;
    private final byte[] channel;
    private final List<Consumer<PhaseChange>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService eventThread;
    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

    /**
     * Subscribes to the channel and returns once Redis has confirmed the subscription.
     *
     * @param redis the started connection factory of the state Redis
     * @param keys  the key layout and namespace: instances with the same namespace hear each
     *              other, and only each other
     * @throws org.springframework.dao.DataAccessException or {@link IllegalStateException} if
     *         the subscription could not be made in the container's registration time
     */
    public RedisJobEvents(LettuceConnectionFactory redis, JobKeys keys) {
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        String name = requireNonNull(keys, "keys is null").events();
        this.channel = SharedConnection.bytes(name);
        this.eventThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("job-events").daemon()
                .factory());
        container.setConnectionFactory(redis);
        container.setTaskExecutor(eventThread);
        container.addMessageListener((message, pattern) -> dispatch(message), new ChannelTopic(name));
        container.afterPropertiesSet();
        try {
            container.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void publish(PhaseChange change) {
        requireNonNull(change, "change is null");
        byte[] message = encode(change);
        redis.run(commands -> redis.await(commands.publish(channel, message).toCompletableFuture()));
    }

    @Override
    public Subscription subscribe(Consumer<PhaseChange> listener) {
        requireNonNull(listener, "listener is null");
        // a wrapper of its own, so that closing removes this registration even when the same
        // listener is subscribed twice
        Consumer<PhaseChange> registered = listener::accept;
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /** Ends the Redis subscription and the event thread; listeners are called no more. */
    @Override
    public void close() {
        listeners.clear();
        try {
            container.destroy();
        } catch (Exception e) {
            log.warn("The job events subscription did not end cleanly", e);
        } finally {
            eventThread.shutdown();
        }
    }

    private void dispatch(Message message) {
        Optional<PhaseChange> change = decode(message.getBody());
        if (change.isEmpty()) {
            return;
        }
        for (Consumer<PhaseChange> listener : listeners) {
            try {
                listener.accept(change.get());
            } catch (RuntimeException e) {
                log.warn("A job events listener failed on {}", change.get(), e);
            }
        }
    }

    /** {@code <job id> <PHASE>}, and the owner in URL-safe base64 (one word) when the change names one. */
    private static byte[] encode(PhaseChange change) {
        return SharedConnection.bytes(change.id().value() + " " + change.phase().value()
                + change.owner().map(owner -> " " + OWNER_ENCODING.encodeToString(owner.getBytes(UTF_8))).orElse(""));
    }

    /** The change a message carries; empty (and logged) if it carries none. */
    private static Optional<PhaseChange> decode(byte[] body) {
        String text = new String(body, UTF_8);
        String[] words = text.split(" ", -1);
        if (words.length == 2 || words.length == 3) {
            try {
                Optional<String> owner = words.length == 3
                        ? Optional.of(new String(Base64.getUrlDecoder().decode(words[2]), UTF_8)) : Optional.empty();
                return Optional.of(new PhaseChange(new JobId(words[0]), ExecutionPhase.valueOf(words[1]), owner));
            } catch (IllegalArgumentException e) {
                // not an id, a phase or an owner: reported below like any other malformed message
            }
        }
        log.warn("Ignored a job event that is not '<job id> <PHASE> [<owner>]': '{}'", text);
        return Optional.empty();
    }
}

package org.tapservice.votable;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a writer works out once for a list of things it is given again and again (a column
 * list, a set of service descriptors), kept for any thread. At most {@code limit} entries: when
 * full it starts again empty, which for lists that repeat costs one more working-out each.
 *
 * @param <E> what the key lists hold (records: equal lists are the same key)
 * @param <V> what is worked out
 */
final class BoundedCache<E, V> {

    /** How a value is worked out from its key. */
    @FunctionalInterface
    interface Loader<E, V> {
        V load(List<E> key) throws IOException;
    }

    private final int limit;
    private final Map<List<E>, V> entries = new ConcurrentHashMap<>();

    BoundedCache(int limit) {
        this.limit = limit;
    }

    V get(List<E> key, Loader<E, V> loader) throws IOException {
        V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        V value = loader.load(key);
        if (entries.size() >= limit) {
            entries.clear();
        }
        // a copy: the caller's list may be a view or change afterwards
        entries.put(List.copyOf(key), value);
        return value;
    }
}

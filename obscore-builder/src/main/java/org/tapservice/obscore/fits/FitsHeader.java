package org.tapservice.obscore.fits;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The keywords describing one data set: the cards of the HDU holding the data over those of the
 * primary HDU it inherits from (the primary keeps DATE-OBS, TELESCOP, ...; the extension its
 * WCS). Keywords are upper case; a keyword given twice keeps its last value. Immutable.
 */
public final class FitsHeader {

    private final Map<String, Card> cards;

    public FitsHeader(Collection<Card> cards) {
        var map = new LinkedHashMap<String, Card>();
        for (Card card : cards) {
            map.put(card.keyword().toUpperCase(Locale.ROOT), card);
        }
        this.cards = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<Card> card(String keyword) {
        return Optional.ofNullable(cards.get(keyword.toUpperCase(Locale.ROOT)));
    }

    public boolean has(String keyword) {
        return card(keyword).map(card -> card.value() != null).orElse(false);
    }

    /** A non-blank string value. */
    public Optional<String> text(String keyword) {
        return card(keyword).flatMap(Card::text).filter(text -> !text.isEmpty());
    }

    public OptionalDouble number(String keyword) {
        return card(keyword).flatMap(Card::number).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    public OptionalLong integer(String keyword) {
        OptionalDouble number = number(keyword);
        return number.isPresent() && number.getAsDouble() == Math.rint(number.getAsDouble())
                ? OptionalLong.of((long) number.getAsDouble()) : OptionalLong.empty();
    }

    /** The comment of a keyword, blank when it has none. */
    public String comment(String keyword) {
        return card(keyword).map(Card::comment).orElse("");
    }

    public Collection<Card> cards() {
        return cards.values();
    }

    /** This header with {@code defaults} for the keywords it lacks (or has without a value). */
    public FitsHeader withDefaults(Map<String, Object> defaults) {
        var merged = new LinkedHashMap<String, Card>(cards);
        defaults.forEach((keyword, value) -> {
            String key = keyword.toUpperCase(Locale.ROOT);
            if (!has(key)) {
                merged.put(key, new Card(key, value, "default from the mapping"));
            }
        });
        return new FitsHeader(merged.values());
    }
}

package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import io.lettuce.core.cluster.SlotHash;

import org.junit.jupiter.api.Test;
import org.tapservice.core.uws.JobId;

class JobKeysTest {

    private final JobKeys keys = new JobKeys("tap");
    private final JobId id = JobId.random(new SecureRandom());

    @Test
    void job_AnyId_ShouldBeTaggedWithItsOwnersBucket() {
        assertThat(keys.job(id)).isEqualTo("tap:job:{" + id.bucket() + "}" + id.value());
        assertThat(SlotHash.getSlot(keys.job(id))).isEqualTo(SlotHash.getSlot(id.bucket()));
        assertThat(SlotHash.getSlot(new JobKeys("other:ns").job(id))).isEqualTo(SlotHash.getSlot(keys.job(id)));
    }

    @Test
    void lease_AnyId_ShouldShareItsJobsSlot() {
        assertThat(keys.lease(id)).isEqualTo("tap:lease:{" + id.bucket() + "}" + id.value());
        assertThat(SlotHash.getSlot(keys.lease(id))).isEqualTo(SlotHash.getSlot(keys.job(id)));
    }

    @Test
    void ref_AnyId_ShouldShareItsJobsSlot() {
        assertThat(keys.ref(id)).isEqualTo("tap:ref:{" + id.bucket() + "}" + id.value());
        assertThat(SlotHash.getSlot(keys.ref(id))).isEqualTo(SlotHash.getSlot(keys.job(id)));
    }

    @Test
    void log_AnyId_ShouldShareItsJobsSlotAndBeOneOfItsStepKeys() {
        assertThat(keys.log(id)).isEqualTo("tap:log:{" + id.bucket() + "}" + id.value());
        assertThat(SlotHash.getSlot(keys.log(id))).isEqualTo(SlotHash.getSlot(keys.job(id)));
        assertThat(keys.jobStep(id)).contains(keys.log(id));
    }

    @Test
    void jobStep_EveryJobOfAnOwner_ShouldShareOneSlotWithThatOwnersQuotaCounters() {
        SecureRandom random = new SecureRandom();
        for (Optional<String> owner : List.of(Optional.of("ivo://example.org/alice"), Optional.of("}{evil"),
                Optional.<String>empty())) {
            int ownersSlot = SlotHash.getSlot(keys.usage(owner));
            for (int i = 0; i < 20; i++) {
                JobId job = JobId.random(random, owner);
                assertThat(keys.jobStep(job)).allSatisfy(key -> assertThat(SlotHash.getSlot(key)).as(key)
                        .isEqualTo(ownersSlot));
                assertThat(SlotHash.getSlot(keys.lease(job))).isEqualTo(ownersSlot);
            }
        }
    }

    @Test
    void syncRate_ShouldBeTaggedWithTheOwnerAlone() {
        assertThat(keys.syncRate(Optional.of("}{evil"))).startsWith("tap:rate:{owner:").endsWith("}")
                .doesNotContain("evil");
        assertThat(keys.syncRate(Optional.empty())).isEqualTo("tap:rate:{anonymous}");
    }

    @Test
    void queueLocksAndEvents_ShouldHaveKeysOfTheirOwn() {
        assertThat(keys.queue()).isEqualTo("tap:queue:{queue}");
        assertThat(keys.lock("reaper")).isEqualTo("tap:lock:{reaper}");
        assertThat(keys.events()).isEqualTo("tap:events");
        assertThatThrownBy(() -> keys.lock("a}b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.lock("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownerIndex_OwnerWithBraces_ShouldKeepItsOwnTag() {
        String index = keys.ownerIndex(Optional.of("}{evil"));

        assertThat(index).startsWith("tap:jobs:{owner:").endsWith("}").doesNotContain("evil");
        assertThat(index.chars().filter(c -> c == '{').count()).isOne();
        assertThat(keys.ownerIndex(Optional.of("anonymous"))).isNotEqualTo(keys.ownerIndex(Optional.empty()));
        assertThat(keys.ownerIndex(Optional.empty())).isEqualTo("tap:jobs:{anonymous}");
        assertThat(keys.allIndex()).isEqualTo("tap:jobs:{all}");
    }

    @Test
    void journalAndStateKeys_ShouldEachHaveATagOfTheirOwn() {
        assertThat(keys.journal()).isEqualTo("tap:journal:{journal}");
        assertThat(keys.stateMarker()).isEqualTo("tap:state:{marker}");
        assertThat(keys.recoveryLock()).isEqualTo("tap:state:{recovering}");
        assertThat(new JobKeys("tap:test-1").journal()).startsWith("tap:test-1:");
    }

    @Test
    void namespace_WithBraces_ShouldBeRefused() {
        assertThatThrownBy(() -> new JobKeys("tap:{x}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new JobKeys("tap:").namespace()).isEqualTo("tap:");
    }
}

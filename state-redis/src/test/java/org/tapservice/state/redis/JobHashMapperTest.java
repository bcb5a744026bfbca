package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

class JobHashMapperTest {

    private final JobHashMapper mapper = new JobHashMapper();
    private final JobId id = JobId.random(new SecureRandom());
    private final Instant now = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void fromHash_EveryFieldSet_ShouldReadBackTheJobWritten() {
        Job job = new Job(id, Optional.of("r:1"), Optional.of("ivo://x/a b"), ExecutionPhase.ERROR,
                Duration.ofSeconds(30), now.plusSeconds(99), Optional.of(now.plusSeconds(9)), now,
                Optional.of(now.plusMillis(1)), Optional.of(now.plusMillis(2)),
                List.of(new Parameter("UPLOAD", "t,http://x/1:2", true), Parameter.of("E", ""),
                        Parameter.of("Q", "12:34\n5:")),
                List.of(new Result("log.txt", "text/plain;charset=utf-8", 0)),
                Optional.of(ErrorSummary.fatal("ü\nline 2")));

        assertThat(mapper.fromHash(id, mapper.toHash(job))).isEqualTo(job);
    }

    @Test
    void fromRef_EntryAsTheScriptsWriteIt_ShouldReadLengthsInBytes() {
        byte[] entry = ("9:EXECUTING-14:ivo://x/\u00e9:{1}13:" + now.toEpochMilli()).getBytes(StandardCharsets.UTF_8);

        assertThat(mapper.fromRef(id, entry)).contains(new JobRef(id, ExecutionPhase.EXECUTING, Optional.empty(),
                Optional.of("ivo://x/\u00e9:{1}"), now));
        assertThat(mapper.fromRef(id, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7:PENDING---", "7:PENDING--13:1700000000123-", "7:PENDING--99:1700000000123",
            "7:PENDING--:1700000000123", "7PENDING--13:1700000000123", "99999999999:x"})
    void fromRef_MalformedEntry_ShouldFail(String entry) {
        assertThatThrownBy(() -> mapper.fromRef(id, entry.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(id.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {JobHashMapper.PHASE, JobHashMapper.EXECUTION_DURATION, JobHashMapper.DESTRUCTION,
            JobHashMapper.CREATION_TIME, JobHashMapper.PARAMETERS, JobHashMapper.RESULTS})
    void fromHash_RequiredFieldMissing_ShouldFailNamingIt(String field) {
        Map<String, String> hash = new HashMap<>(mapper.toHash(pending()));
        hash.remove(field);

        assertThatThrownBy(() -> mapper.fromHash(id, hash)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void fromHash_MalformedParameters_ShouldFailNamingTheField() {
        Map<String, String> hash = new HashMap<>(mapper.toHash(pending()));
        hash.put(JobHashMapper.PARAMETERS, "4:LANG9:ADQL");

        assertThatThrownBy(() -> mapper.fromHash(id, hash)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + JobHashMapper.PARAMETERS + "'");
    }

    @Test
    void writes_EmptyRunId_ShouldRemoveTheField() {
        JobHashMapper.HashWrites writes = mapper.writes(JobChange.none().withRunId(""), Optional.empty());

        assertThat(writes.delete()).containsExactly(JobHashMapper.RUN_ID);
        assertThat(writes.set()).isEmpty();
    }

    @Test
    void writes_ParametersWithoutTheCurrentJob_ShouldBeRefused() {
        assertThatThrownBy(() -> mapper.writes(JobChange.none().withParameters(List.of(Parameter.of("A", "1"))),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scripts_ShouldNameTheFieldsTheMapperWrites() {
        for (String script : List.of(JobScripts.TRANSITION, JobScripts.UPDATE)) {
            assertThat(script).contains("'" + JobHashMapper.PHASE + "'").contains("'" + JobHashMapper.REVISION + "'");
        }
        assertThat(JobScripts.CREATE).contains("'" + JobHashMapper.REVISION + "'");
        assertThat(JobScripts.DELETE).contains("'" + JobHashMapper.OWNER + "'");
    }

    private Job pending() {
        return Job.pending(id, Optional.empty(), Optional.empty(), List.of(), now, Duration.ZERO, now.plusSeconds(1));
    }
}

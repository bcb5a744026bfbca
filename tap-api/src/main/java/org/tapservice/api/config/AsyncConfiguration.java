package org.tapservice.api.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.api.web.async.JobRequestLogging;
import org.tapservice.core.async.ConversionSettings;
import org.slf4j.LoggerFactory;
import org.tapservice.core.async.JobEventStreams;
import org.tapservice.core.async.JobPolicy;
import org.tapservice.core.async.JobReaper;
import org.tapservice.core.async.JobRunner;
import org.tapservice.core.async.JobService;
import org.tapservice.core.async.JobUploads;
import org.tapservice.core.async.JobWaiters;
import org.tapservice.core.async.ResultConversions;
import org.tapservice.core.async.WorkerPool;
import org.tapservice.core.async.StreamSettings;
import org.tapservice.core.async.WorkerSettings;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.results.DirectoryResultStore;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.core.upload.UploadLimits;
import org.tapservice.core.uws.JobObserver;
import org.tapservice.core.uws.UwsDocuments;
import org.tapservice.state.archive.PostgresJobStore;
import org.tapservice.state.redis.CreationDurability;
import org.tapservice.state.redis.JobJournal;
import org.tapservice.state.redis.JobKeys;
import org.tapservice.state.redis.JobLogWriter;
import org.tapservice.state.redis.JobReconciler;
import org.tapservice.state.redis.JournalArchiver;
import org.tapservice.state.redis.RedisClusterLock;
import org.tapservice.state.redis.RedisConversionStates;
import org.tapservice.state.redis.RedisJobEvents;
import org.tapservice.state.redis.RedisJobLog;
import org.tapservice.state.redis.RedisJobQueue;
import org.tapservice.state.redis.RedisJobStore;
import org.tapservice.state.redis.RedisQuotaLedger;
import org.tapservice.state.redis.StateRecovery;
import org.tapservice.state.results.PostgresResultStore;
import org.tapservice.votable.ResultFormats;

/**
 * Wires async jobs: job state, queue and events in Redis (state-redis), the job archive and
 * results on the state pool, tap-core's job service and this instance's workers.
 */
@Configuration(proxyBeanMethods = false)
public class AsyncConfiguration {

    /** The most journal entries one drain archives. */
    private static final int JOURNAL_BATCH = 500;
    /** The journal's cap: a week of a busy service's changes, never all of Redis' memory. */
    private static final long JOURNAL_LENGTH = 1_000_000;

    /** The index entries one turn of the reconciliation reads (ZSCAN's COUNT). */
    private static final int RECONCILE_PAGE = 1000;
    /** The pages one turn reads after Redis changed server: a million jobs in ten turns. */
    private static final int RECONCILE_URGENT_PAGES = 100;

    /** This instance's name: its journal consumer's, and the converter's the job document shows. */
    private final String instance = instanceName();

    /**
     * While the connection to Redis is down, Lettuce refuses commands at once instead of holding
     * them until it reconnects: a request needing Redis then answers 503 straight away rather
     * than hanging for the command timeout, and a worker waits and tries again. Lettuce still
     * reconnects by itself (to the new primary after a Sentinel failover) and subscribes again.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer refuseCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * Lettuce tries to reconnect at exponentially growing intervals, by default up to 30 s
     * apart; capped here so that the service is back within a few seconds of Redis.
     */
    @Bean
    ClientResourcesBuilderCustomizer reconnectSoon() {
        return resources -> resources.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(3),
                2, TimeUnit.MILLISECONDS));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JobKeys jobKeys(UwsProperties properties) {
        return new JobKeys(properties.namespace());
    }

    /**
     * Made once Flyway has migrated the state database: the first instance of a new deployment
     * rebuilds (marks) Redis from the archive at once, and a rebuild that failed on tables not
     * yet created would keep its lock, and Redis unmarked, until the lock lapsed.
     */
    @Bean
    @DependsOnDatabaseInitialization
    PostgresJobStore jobArchive(DataSource stateDataSource) {
        return new PostgresJobStore(stateDataSource);
    }

    @Bean
    JobJournal jobJournal(JobKeys keys) {
        return new JobJournal(keys, JOURNAL_LENGTH);
    }

    @Bean
    RedisJobStore jobStore(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, PostgresJobStore archive,
                           UwsProperties properties, JobLogWriter logWriter) {
        UwsProperties.Durability durability = properties.durability();
        CreationDurability creation = switch (durability.mode()) {
            case "archive" -> CreationDurability.archive(archive);
            case "none" -> CreationDurability.none();
            case "replicas" -> CreationDurability.replicas(durability.replicas(), durability.replicaTimeout(),
                    dedicatedConnections(redis));
            default -> throw new IllegalArgumentException("tap.uws.durability.mode must be archive, replicas or "
                    + "none; got '" + durability.mode() + "'");
        };
        return new RedisJobStore(redis, keys, properties.expiryMargin(), journal, creation, logWriter, archive);
    }

    @Bean
    RedisJobQueue jobQueue(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, RedisJobEvents events,
                           UwsProperties properties, JobLogWriter logWriter, JobObserver observer) {
        return new RedisJobQueue(redis, keys, journal, events, properties.maxAttempts(), logWriter, observer);
    }

    @Bean
    RedisQuotaLedger quotaLedger(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal,
                                 JobLogWriter logWriter) {
        return new RedisQuotaLedger(redis, keys, journal, logWriter);
    }

    @Bean
    QuotaPolicy quotaPolicy(QuotaProperties properties) {
        return properties.policy();
    }

    /** This instance's signature on job log lines: the configured id, or the host name and process id. */
    @Bean
    JobLogWriter jobLogWriter(JobLogProperties properties) {
        String id = properties.instanceId().isBlank() ? hostName() + "-" + ProcessHandle.current().pid()
                : properties.instanceId();
        LoggerFactory.getLogger(AsyncConfiguration.class).info("This instance signs job logs as {}", id);
        return new JobLogWriter(id, properties.maxLines());
    }

    /** Log lines of requests to a job name the job, the caller and this instance. */
    @Bean
    JobRequestLogging jobRequestLogging(JobLogWriter logWriter) {
        return new JobRequestLogging(logWriter.instance());
    }

    @Bean
    RedisJobLog jobLog(LettuceConnectionFactory redis, JobKeys keys, JobLogWriter writer) {
        return new RedisJobLog(redis, keys, writer);
    }

    @Bean
    JobEventStreams jobEventStreams(JobService jobs, JobWaiters waiters, EventsProperties properties, Clock clock) {
        return new JobEventStreams(jobs, waiters, new StreamSettings(properties.heartbeat(), properties.maxDuration()),
                clock);
    }

    @Bean(destroyMethod = "close")
    RedisJobEvents jobEvents(LettuceConnectionFactory redis, JobKeys keys) {
        return new RedisJobEvents(redis, keys);
    }

    @Bean
    RedisClusterLock clusterLock(LettuceConnectionFactory redis, JobKeys keys) {
        return new RedisClusterLock(redis, keys);
    }

    @Bean
    ResultStore resultStore(DataSource stateDataSource, UwsProperties properties) {
        UwsProperties.Results results = properties.results();
        return switch (results.store()) {
            case "postgres" -> new PostgresResultStore(stateDataSource);
            case "directory" -> {
                if (results.directory() == null) {
                    throw new IllegalArgumentException("tap.uws.results.store=directory needs "
                            + "tap.uws.results.directory, a volume every instance mounts");
                }
                yield new DirectoryResultStore(results.directory());
            }
            default -> throw new IllegalArgumentException("tap.uws.results.store must be postgres or directory; "
                    + "got '" + results.store() + "'");
        };
    }

    @Bean(destroyMethod = "close")
    JobWaiters jobWaiters(RedisJobEvents events) {
        return new JobWaiters(events);
    }

    @Bean
    JobPolicy jobPolicy(UwsProperties properties) {
        UwsProperties.Limits limits = properties.limits();
        return new JobPolicy(limits.defaultExecutionDuration(), limits.maxExecutionDuration(),
                limits.defaultLifetime(), limits.maxLifetime(), limits.waitCap());
    }

    /** Async jobs' inline uploads, kept beside their results so that any instance can run them. */
    @Bean
    JobUploads jobUploads(ResultStore results, UploadLimits limits) {
        return new JobUploads(results, limits);
    }

    @Bean
    JobService jobService(RedisJobStore store, RedisQuotaLedger quotas, RedisJobQueue queue, RedisJobEvents events,
                          JobWaiters waiters, ResultStore results, JobUploads uploads, JobPolicy policy, Clock clock,
                          JobObserver observer) {
        return new JobService(store, quotas, queue, events, waiters, results, uploads, policy, clock, observer);
    }

    @Bean
    JobRunner jobRunner(RedisJobQueue queue, RedisJobEvents events, RedisJobLog log, QueryEngine engine,
                        QueryRequestParser parser, ResultStore results, ResultFormats formats, RedisQuotaLedger quotas,
                        JobUploads uploads, Clock clock, UwsProperties properties, DataLinkProperties dataLink,
                        JobObserver observer) {
        return new JobRunner(queue, events, log, engine, parser, results, formats, quotas, uploads, clock,
                properties.grace(), dataLink.asyncAnnotations(), observer);
    }

    @Bean
    RedisConversionStates conversionStates(LettuceConnectionFactory redis, JobKeys keys) {
        return new RedisConversionStates(redis, keys);
    }

    /** Finished jobs' results in other formats, converted on any instance, once, leased like jobs. */
    @Bean
    ResultConversions resultConversions(ResultStore results, RedisConversionStates states, RedisJobStore store,
                                        RedisJobEvents events, JobWaiters waiters, ResultFormats formats,
                                        UwsProperties properties) {
        return new ResultConversions(results, states, store, events, waiters, formats,
                new ConversionSettings(instance, properties.leaseTime(), properties.results().conversionWait()));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    WorkerPool workerPool(RedisJobQueue queue, RedisJobEvents events, RedisJobLog log, JobService jobs,
                          JobRunner runner, UwsProperties properties, Clock clock, JobLogWriter logWriter) {
        // log lines of the workers name the instance as its job log lines do
        return new WorkerPool(queue, events, log, jobs, runner, new WorkerSettings(properties.workers(),
                properties.leaseTime(), properties.idlePoll(), properties.grace(), logWriter.instance()), clock);
    }

    @Bean
    WorkerShutdown workerShutdown(WorkerPool workers, UwsProperties properties) {
        return new WorkerShutdown(workers, properties.shutdownGrace());
    }

    @Bean
    JournalArchiver journalArchiver(LettuceConnectionFactory redis, JobKeys keys, PostgresJobStore archive) {
        // a dead instance's unacknowledged entries are taken over after this long
        return new JournalArchiver(redis, keys, archive, instance, JOURNAL_BATCH, Duration.ofSeconds(30));
    }

    @Bean
    StateRecovery stateRecovery(LettuceConnectionFactory redis, JobKeys keys, RedisJobStore store,
                                PostgresJobStore archive, RedisJobQueue queue, RedisJobLog log) {
        return new StateRecovery(redis, keys, store, archive, queue::offer, Duration.ofMinutes(1), log);
    }

    @Bean
    JobReaper jobReaper(PostgresJobStore archive, JobService jobs, RedisClusterLock lock, Clock clock,
                        UwsProperties properties) {
        return new JobReaper(archive, archive, jobs, lock, clock, properties.housekeeping().reaperPeriod(), 1000);
    }

    /**
     * Offers again the jobs nothing would run (QUEUED or EXECUTING, missing from the queue), and
     * counts them as {@code tap_jobs_reoffered_total}: each is a write Redis lost or an instance
     * that stopped between two steps.
     */
    @Bean
    JobReconciler jobReconciler(LettuceConnectionFactory redis, JobKeys keys, RedisJobQueue queue, RedisJobLog log,
                                RedisClusterLock lock, UwsProperties properties,
                                ObjectProvider<MeterRegistry> registry) {
        UwsProperties.Housekeeping housekeeping = properties.housekeeping();
        JobReconciler reconciler = new JobReconciler(redis, keys, queue, log, lock, new JobReconciler.Settings(
                housekeeping.reconcilePeriod(), housekeeping.reconcileGrace(), RECONCILE_PAGE,
                RECONCILE_URGENT_PAGES));
        registry.ifAvailable(meters -> FunctionCounter.builder("tap.jobs.reoffered", reconciler,
                        JobReconciler::offeredAgain)
                .description("Jobs found QUEUED or EXECUTING without a queue entry and offered again by this instance")
                .register(meters));
        return reconciler;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    Housekeeping housekeeping(JournalArchiver archiver, StateRecovery recovery, JobReaper reaper,
                              RedisQuotaLedger quotas, JobReconciler reconciler, UwsProperties properties) {
        return new Housekeeping(archiver, recovery, reaper, quotas, reconciler, properties.housekeeping());
    }

    @Bean
    UwsDocuments uwsDocuments() {
        return new UwsDocuments();
    }

    /**
     * WAIT holds the connection it runs on: replicas' acknowledgements get connections of their
     * own, to the same Redis as the shared one (through the same Sentinels when there are; to
     * the same cluster, whose nodes each get the WAIT for their own writes, when it is one).
     */
    private static LettuceConnectionFactory dedicatedConnections(LettuceConnectionFactory shared) {
        LettuceConnectionFactory factory;
        if (shared.isClusterAware()) {
            factory = new LettuceConnectionFactory(shared.getClusterConfiguration(), shared.getClientConfiguration());
        } else if (shared.isRedisSentinelAware()) {
            factory = new LettuceConnectionFactory(shared.getSentinelConfiguration(), shared.getClientConfiguration());
        } else {
            factory = new LettuceConnectionFactory(shared.getStandaloneConfiguration(),
                    shared.getClientConfiguration());
        }
        factory.setShareNativeConnection(false);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    /** This instance's name among the journal's consumers: the host (a pod's name) and a random part. */
    private static String instanceName() {
        return hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The host's name: a pod's name on Kubernetes. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

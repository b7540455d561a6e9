package io.tidestream.elastic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.bulk.BulkTransport;
import io.tidestream.elastic.bulk.Preflight;
import io.tidestream.elastic.client.EngineClientFactory;
import io.tidestream.elastic.client.EngineDetector;
import io.tidestream.elastic.client.EngineException;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.client.IngestPipelines;
import io.tidestream.elastic.client.RestBulkTransport;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.mapping.TemplateBody;
import io.tidestream.elastic.mapping.TemplateInstaller;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real session: one REST client per task; before the first bulk request it detects the engine,
 * installs the index template and bootstraps the write alias (retried with backoff for as long as
 * the engine is unreachable).
 */
public final class RestEngineSession implements EngineSession {

  private static final Logger log = LoggerFactory.getLogger(RestEngineSession.class);

  private final RestBulkTransport transport;
  private final Preflight preflight;
  private volatile EngineInfo engine;

  public RestEngineSession(ElasticGeoSinkConfig config, ObjectMapper mapper) {
    TemplateBody template = TaskComponents.template(config, mapper);
    String pipeline = config.ingestPipeline();
    this.transport = new RestBulkTransport(() -> EngineClientFactory.create(config), pipeline);
    EngineDetector detector = new EngineDetector(mapper);
    TemplateInstaller installer =
        new TemplateInstaller(mapper, TaskComponents.lifecyclePolicy(config));
    boolean serverless = config.awsServerless();
    String templateName = config.templateName();
    var patterns = config.templatePatterns();
    int priority = config.templatePriority();
    String signing =
        !config.awsSigV4Enabled()
            ? ""
            : "; requests signed with AWS SigV4 for service "
                + config.awsService()
                + " in "
                + config.awsRegion()
                + " with "
                + (config.awsAccessKeyId() != null
                    ? "access key id " + config.awsAccessKeyId()
                    : "the AWS SDK's default credential chain");
    String writeAlias =
        config.writeAliasBootstrap() && config.indexName() != null && config.indexName().isFixed()
            ? config.indexName().toString()
            : null;
    this.preflight =
        () -> {
          long start = System.nanoTime();
          RestClient client = transport.client();
          EngineInfo info = detector.detect(client, serverless);
          engine = info;
          if (info.distribution() == EngineInfo.Distribution.ELASTICSEARCH
              && info.major() > 0
              && info.major() < 7) {
            throw new EngineException(
                200,
                "Found "
                    + info
                    + "; this sink supports Elasticsearch 7.17-9.x and OpenSearch 2.x-3.x (typeless"
                    + " bulk requests). Upgrade the cluster or point connection.urls elsewhere.");
          }
          if ((info.distribution() == EngineInfo.Distribution.ELASTICSEARCH
                  && info.major() == 7
                  && info.minor() < 17)
              || (info.distribution() == EngineInfo.Distribution.OPENSEARCH && info.major() == 1)) {
            log.warn(
                "Found {}; it is not among the tested engines (Elasticsearch 7.17-9.x, OpenSearch"
                    + " 2.x-3.x)",
                info);
          }
          if (pipeline != null) {
            String missing = IngestPipelines.problem(client, pipeline);
            if (missing != null) {
              throw new EngineException(404, missing);
            }
          }
          if (template != null) {
            String lifecycle = installer.lifecycleProblem(client, info, template, patterns);
            if (lifecycle != null) {
              throw new EngineException(400, lifecycle);
            }
            installer.install(client, info, templateName, template, patterns, priority);
          }
          if (writeAlias != null) {
            installer.bootstrapWriteAlias(client, writeAlias);
          }
          log.info(
              "Connected to {} in {} ms{}", info, (System.nanoTime() - start) / 1_000_000, signing);
        };
  }

  @Override
  public BulkTransport transport() {
    return transport;
  }

  @Override
  public Preflight preflight() {
    return preflight;
  }

  public EngineInfo engine() {
    return engine;
  }
}

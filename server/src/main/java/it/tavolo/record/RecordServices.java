package it.tavolo.record;

import it.tavolo.AppContext;
import it.tavolo.auth.AuthServices;
import it.tavolo.live.layer.LiveServices;
import it.tavolo.live.ProposalSink;
import it.tavolo.notify.Notifications;

/** The record layer of one running server: its stores and services, shared by its routes. */
public final class RecordServices {

  private final AppContext app;
  private final AuthServices auth;
  private final LiveServices live;
  private final DocumentStore documents;
  private final IntegrationStore integrations;
  private final VersionStore versions;
  private final AuditStore audit;
  private final History history;
  private final Integrations integrationService;
  private final Versions versionService;
  private final Notifications notifications;
  private final ContributionConfirmations contributionService;
  private final GroupingService groupingService;

  public RecordServices(AppContext app, AuthServices auth, LiveServices live, Notifications notifications) {
    this.app = app;
    this.notifications = notifications;
    this.auth = auth;
    this.live = live;
    this.documents = new DocumentStore(app.pool());
    this.integrations = new IntegrationStore(app.pool());
    this.versions = new VersionStore(app.pool());
    this.audit = new AuditStore(app.pool());
    this.history = new History(app.vertx(), app.pool());
    this.integrationService = new Integrations(this);
    this.versionService = new Versions(this);
    this.contributionService = new ContributionConfirmations(this);
    this.groupingService = new GroupingService(this);
  }

  /** Where the live layer sends members' submits in proposal mode (App connects them). */
  public ProposalSink proposalSink() {
    return integrationService.sink();
  }

  public AppContext app() { return app; }

  public AuthServices auth() { return auth; }

  public LiveServices live() { return live; }

  public DocumentStore documents() { return documents; }

  public IntegrationStore integrationStore() { return integrations; }

  public VersionStore versionStore() { return versions; }

  public AuditStore audit() { return audit; }

  public History history() { return history; }

  /** Where decisions on integrations and consolidated versions notify people (in their transaction). */
  public Notifications notifications() { return notifications; }

  public Integrations integrations() { return integrationService; }

  public Versions versions() { return versionService; }

  /** Organisations' confirmations of their contributions to consolidated versions (issue 15). */
  public ContributionConfirmations contributions() { return contributionService; }

  /** Groupings of partners (RTI/ATI/consortium) with a capofila (issue 15). */
  public GroupingService groupings() { return groupingService; }
}

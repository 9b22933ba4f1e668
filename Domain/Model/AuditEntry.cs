namespace Prepaid.Domain.Model;

/// <summary>Kinds of audited action.</summary>
public enum AuditKind
{
    /// <summary>A successful sign-in.</summary>
    Login = 0,
    /// <summary>A failed sign-in.</summary>
    LoginFailed = 1,
    /// <summary>A sign-out.</summary>
    SignOut = 2,
    /// <summary>A meter control command.</summary>
    ControlCommand = 3,
    /// <summary>A money movement.</summary>
    FinancialEntry = 4,
    /// <summary>A configuration change.</summary>
    ConfigurationChange = 5,
    /// <summary>A user or role change.</summary>
    UserChange = 6,
    /// <summary>Work done by the system itself, for example the demo seed.</summary>
    System = 7,
}

/// <summary>An append-only record of who did what, when, from where, with the state before and after.</summary>
public sealed class AuditEntry
{
    /// <summary>Primary key, increasing with insertion.</summary>
    public long Id { get; set; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>User name, or the job's name for system actions.</summary>
    public required string UserName { get; set; }
    /// <summary>Remote address of the request, if any.</summary>
    public string? Address { get; set; }
    /// <summary>Kind of action.</summary>
    public AuditKind Kind { get; set; }
    /// <summary>Short machine-readable action name, for example "meter.trip".</summary>
    public required string Action { get; set; }
    /// <summary>What was acted on, for example "meter:42".</summary>
    public string? Target { get; set; }
    /// <summary>State before, as JSON.</summary>
    public string? Before { get; set; }
    /// <summary>State after, as JSON.</summary>
    public string? After { get; set; }
}

namespace Prepaid.Acquisition.Drivers;

/// <summary>How a command ended.</summary>
public enum CommandStatus
{
    /// <summary>Applied and confirmed by reading the meter back.</summary>
    Confirmed,

    /// <summary>The meter refused (exception answer, or a close refused in arrears); do not retry as is.</summary>
    Refused,

    /// <summary>The meter answered but a read-back did not show the commanded state (or could not be read).</summary>
    NotConfirmed,

    /// <summary>No answer: the command may or may not have been applied.</summary>
    CommFailed,

    /// <summary>The profile has no such command.</summary>
    Unsupported,
}

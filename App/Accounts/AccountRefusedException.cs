namespace Prepaid.App.Accounts;

/// <summary>An account action refused before anything was written. <see cref="Errors"/> maps each field (or
/// "account") to a code the UI localizes as "Accounts.Error.&lt;code&gt;".</summary>
public sealed class AccountRefusedException(IReadOnlyDictionary<string, string> errors, string message) : Exception(message)
{
    public AccountRefusedException(string code, string message) : this(new Dictionary<string, string> { ["account"] = code }, message)
    {
    }

    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    /// <summary>The first error's code.</summary>
    public string Code => Errors.Values.First();
}

using Microsoft.AspNetCore.Identity;
using Prepaid.App.Persistence.Entities;

namespace Prepaid.App.Identity;

/// <summary>
/// A hash no password matches, verified in place of the real one when sign-in refuses without looking at the password
/// (unknown user, disabled or locked-out account), so every refusal costs the same key derivation and the answer's
/// timing does not tell which user names exist.
/// </summary>
public sealed class DecoyPasswordHash
{
    private static readonly PrepaidUser Nobody = new() { UserName = "" };
    private string? _hash;

    /// <summary>Verifies <paramref name="password"/> against the decoy with the app's own hasher (same algorithm and cost).</summary>
    public void Verify(IPasswordHasher<PrepaidUser> hasher, string password)
    {
        // A random secret: the decoy can never be signed in with. Made by the same hasher, so its cost is the real one.
        var hash = LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}

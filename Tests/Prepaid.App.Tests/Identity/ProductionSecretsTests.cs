using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.App.Identity;
namespace Prepaid.App.Tests.Identity;

public sealed class ProductionSecretsTests
{
    // The start runs both checks: the demo's (published demo passwords) and identity's (a weak administrator password).
    private static void Check(string environment, bool demo, string? adminPassword)
    {
        var security = Options.Create(new SecurityOptions { AdminPassword = adminPassword });
        var host = new Environment(environment);
        new DemoStartGuard(Options.Create(new DemoOptions { Enabled = demo }), security, host).EnsureNoPublishedSecretsInProduction();
        new IdentitySeeder(null!, security, host, null!, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<IdentitySeeder>.Instance).EnsureStrongAdminPasswordInProduction();
    }

    [Fact]
    public void Check_ProductionWithDemoUsers_RefusesToStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Check("Production", demo: true, null));

        Assert.Contains("Demo:Enabled is on in Production", error.Message);
    }

    [Theory]
    [InlineData("Demo-Manager-2026")]
    [InlineData("short")]
    public void Check_ProductionWithPublishedOrWeakAdminPassword_RefusesToStart(string password)
    {
        Assert.Throws<InvalidOperationException>(() => Check("Production", demo: false, password));
    }

    [Theory]
    [InlineData("Production", false, null)]
    [InlineData("Production", false, "A-Real-Secret-2026")]
    [InlineData("Development", true, "Demo-Manager-2026")]
    public void Check_SafeCombinations_Pass(string environment, bool demo, string? password)
    {
        Check(environment, demo, password);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Prepaid.App";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}

using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Billing.Collection;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Hosting;

/// <summary>The demo answers a failure like production: a request id, never a stack trace with source paths.</summary>
public sealed class DemoErrorPageTests
{
    [Fact]
    public async Task Request_FailsInTheDemoInDevelopment_AnswersTheErrorPageWithoutTheTrace()
    {
        await using var factory = new PrepaidAppFactory();
        // A bug deep in a service: the call list's query cannot be built.
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<ShopsToCallQuery>(_ => throw new InvalidOperationException("secret detail from /work/src/Service.cs:line 42"))));
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PrepaidAppFactory.SignInAsync(client, "cashier", "Demo-Cashier-2026");

        var response = await client.GetAsync("/billing/shops-to-call/export");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("secret detail", body);
        Assert.DoesNotContain("Service.cs", body);
        Assert.Contains("Request id", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Request_MalformedFormFromAnAnonymousVisitor_AnswersBadRequestWithOneSentenceAndNoTrace()
    {
        await using var factory = new PrepaidAppFactory();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // A form posted without its antiforgery token: a bad request, answered as one.
        var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "x" }));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The form could not be accepted", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}

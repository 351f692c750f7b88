using IamOps.Aws;
using static IamOps.Tests.Aws.IamResponses;

namespace IamOps.Tests.Aws;

/// <summary>IAM error responses, retries, and what callers see.</summary>
public sealed class IamQueryClientErrorTests
{
    [Theory]
    [InlineData(404, "NoSuchEntity", FailureKind.ObjectNotFound)]
    [InlineData(409, "EntityAlreadyExists", FailureKind.ResourceExists)]
    [InlineData(403, "AccessDenied", FailureKind.PermissionDenied)]
    [InlineData(403, "UnauthorizedOperation", FailureKind.PermissionDenied)]
    [InlineData(409, "LimitExceeded", FailureKind.LimitsExceeded)]
    [InlineData(400, "MalformedPolicyDocument", FailureKind.InvalidData)]
    [InlineData(400, "InvalidInput", FailureKind.InvalidArgument)]
    [InlineData(400, "ValidationError", FailureKind.InvalidArgument)]
    [InlineData(400, "PasswordPolicyViolation", FailureKind.InvalidData)]
    [InlineData(409, "DeleteConflict", FailureKind.InvalidOperation)]
    [InlineData(409, "ConcurrentModification", FailureKind.ResourceUnavailable)]
    [InlineData(409, "EntityTemporarilyUnmodifiable", FailureKind.ResourceUnavailable)]
    [InlineData(400, "UnmodifiableEntity", FailureKind.InvalidOperation)]
    [InlineData(400, "PolicyNotAttachable", FailureKind.InvalidOperation)]
    [InlineData(403, "InvalidAuthenticationCode", FailureKind.InvalidArgument)]
    [InlineData(410, "ReportNotPresent", FailureKind.ObjectNotFound)]
    [InlineData(410, "ReportExpired", FailureKind.ObjectNotFound)]
    [InlineData(404, "ReportInProgress", FailureKind.ResourceUnavailable)]
    [InlineData(403, "InvalidClientTokenId", FailureKind.AuthenticationError)]
    [InlineData(403, "SignatureDoesNotMatch", FailureKind.AuthenticationError)]
    [InlineData(403, "ExpiredToken", FailureKind.AuthenticationError)]
    public async Task Error_codes_map_to_their_failure_kind_with_code_request_id_and_status(int status, string code, FailureKind expected)
    {
        using var server = new LocalHttpServer((_, _) => Error(status, code, "The thing went wrong.", requestId: "req-" + code));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(expected, error.Kind);
        Assert.Equal(code, error.AwsErrorCode);
        Assert.Equal("req-" + code, error.RequestId);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal("Aws" + code, error.ErrorId);
        Assert.Equal("alice", error.Target);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        Assert.Contains("req-" + code, error.Message, StringComparison.Ordinal);
        Assert.Contains("The thing went wrong.", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task AccessDenied_says_which_action_on_which_resource_was_refused()
    {
        using var server = new LocalHttpServer((_, _) => Error(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/alice"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, CancellationToken.None));

        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("not allowed iam:CreateUser on alice", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not authorized to perform: iam:CreateUser", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "ServiceFailure")]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(500, "PolicyEvaluation")]
    public async Task Server_errors_are_retried_and_then_reported_as_unavailable(int status, string code)
    {
        using var server = new LocalHttpServer((_, _) => Error(status, code, "Internal failure", type: "Receiver"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(FailureKind.ResourceUnavailable, error.Kind);
        Assert.Equal(code, error.AwsErrorCode);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Throttling_is_retried_and_then_succeeds()
    {
        using var server = new LocalHttpServer((_, number) => number < 3 ? Error(400, "Throttling", "Rate exceeded") : Ok("GetUser", User("alice")));
        using var client = IamTestClients.For(server);

        var user = await client.GetUserAsync("alice", CancellationToken.None);

        Assert.Equal("alice", user.UserName);
        Assert.Equal(3, server.RequestCount);
        Assert.All(server.Requests, r => Assert.Equal("GetUser", r.Action));
    }

    [Fact]
    public async Task Throttling_beyond_the_retries_is_limits_exceeded()
    {
        using var server = new LocalHttpServer((_, _) => Error(400, "Throttling", "Rate exceeded"));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(FailureKind.LimitsExceeded, error.Kind);
        Assert.Equal("Throttling", error.AwsErrorCode);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task The_retry_count_follows_the_configuration()
    {
        using var server = new LocalHttpServer((_, _) => Error(400, "Throttling", "Rate exceeded"));
        using var client = IamTestClients.For(server, config => config.MaxErrorRetry = 4);

        await Assert.ThrowsAsync<IamOpsException>(() => client.GetUserAsync("alice", CancellationToken.None));

        Assert.Equal(5, server.RequestCount);
    }

    [Fact]
    public async Task A_non_retryable_error_is_sent_once()
    {
        using var server = new LocalHttpServer((_, _) => Error(400, "MalformedPolicyDocument", "Syntax errors in policy."));
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.PutInlinePolicyAsync(IdentityKind.User, "alice", "p", "{", CancellationToken.None));

        Assert.Equal(FailureKind.InvalidData, error.Kind);
        Assert.Equal(1, server.RequestCount);
    }

    /// <summary>
    /// The first CreateUser succeeded on the server but its answer was lost (here: a 500 after the create); the SDK
    /// retries and IAM answers EntityAlreadyExists. The client reports ResourceExists and never creates twice:
    /// operations treat ResourceExists after their own create as converged (they re-read the user and carry on).
    /// </summary>
    [Fact]
    public async Task A_retried_CreateUser_whose_first_attempt_succeeded_surfaces_as_resource_exists()
    {
        var created = 0;
        using var server = new LocalHttpServer((request, number) =>
        {
            if (Interlocked.Increment(ref created) == 1)
            {
                return Error(500, "ServiceFailure", "Request processing has failed due to some unknown error.", type: "Receiver");
            }

            return Error(409, "EntityAlreadyExists", "User with name alice already exists.");
        });
        using var client = IamTestClients.For(server);

        var error = await Assert.ThrowsAsync<IamOpsException>(() => client.CreateUserAsync(new CreateUserRequest { UserName = "alice" }, CancellationToken.None));

        Assert.Equal(FailureKind.ResourceExists, error.Kind);
        Assert.Equal("EntityAlreadyExists", error.AwsErrorCode);
        Assert.Equal(2, server.RequestCount);
        Assert.All(server.Requests, r => Assert.Equal(("CreateUser", "alice"), (r.Action, r.Form["UserName"])));
    }

    [Fact]
    public async Task A_cancelled_call_throws_OperationCanceledException()
    {
        using var server = new LocalHttpServer((_, _) => Ok("GetUser", User("alice")) with { Delay = Timeout.InfiniteTimeSpan });
        using var client = IamTestClients.For(server);
        using var cancel = new CancellationTokenSource();

        var call = client.GetUserAsync("alice", cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}

using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>Bad connection input: one clear error record each, with category and id, no stack trace, no request, no file written.</summary>
public sealed class ConnectionErrorTests : IDisposable
{
    private readonly LocalStsEndpoint _sts = new(new Dictionary<string, string> { ["AKIAALICEEXAMPLE0001"] = "arn:aws:iam::123456789012:user/alice" });
    private readonly string _temp = Directory.CreateTempSubdirectory("iamops-badconn-").FullName;

    public void Dispose()
    {
        _sts.Dispose();
        Directory.Delete(_temp, recursive: true);
    }

    public static TheoryData<string, string, ErrorCategory> BadInputs => new()
    {
        { "-ProfileName nosuchprofile -ProfileLocation {credentials}", "ProfileNotFound", ErrorCategory.ObjectNotFound },
        { "-ProfileName dev -ProfileLocation {temp}", "CredentialFileUnreadable", ErrorCategory.ReadError },
        { "-ProfileName dev -ProfileLocation {temp}/missing/credentials", "CredentialFileUnreadable", ErrorCategory.ReadError },
        { "-AccessKey AKIAALICEEXAMPLE0001 -SecretKey s -EndpointUrl 'not a url'", "EndpointUrlInvalid", ErrorCategory.InvalidArgument },
        { "-AccessKey AKIAALICEEXAMPLE0001 -SecretKey s -EndpointUrl 'ftp://example.com'", "EndpointUrlInvalid", ErrorCategory.InvalidArgument },
        { "-AccessKey AKIAALICEEXAMPLE0001 -SecretKey s -Region moon-base-1", "RegionInvalid", ErrorCategory.InvalidArgument },
        { "-AccessKey AKIAALICEEXAMPLE0001 -SecretKey s -Region 'us east 1'", "RegionInvalid", ErrorCategory.InvalidArgument },
        { "-AccessKey AKIAALICEEXAMPLE0001", "AccessKeyIncomplete", ErrorCategory.InvalidArgument },
        { "-Credential 42", "CredentialNotRecognized", ErrorCategory.InvalidArgument },
        { "-Region eu-west-1", "CredentialsNotFound", ErrorCategory.AuthenticationError },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_connection_input_is_one_clear_error_and_nothing_is_sent_or_written(string arguments, string errorId, ErrorCategory category)
    {
        var credentials = Path.Combine(_temp, "credentials");
        File.WriteAllText(credentials, "[dev]\naws_access_key_id = AKIAALICEEXAMPLE0001\naws_secret_access_key = a\n");
        var before = Directory.GetFileSystemEntries(_temp, "*", SearchOption.AllDirectories).Order().ToArray();
        var args = arguments.Replace("{credentials}", credentials, StringComparison.Ordinal).Replace("{temp}", _temp, StringComparison.Ordinal);
        if (!args.Contains("-EndpointUrl", StringComparison.Ordinal))
        {
            args += " -EndpointUrl " + _sts.Url;
        }

        var run = HostedPowerShell.Run("Get-IamCallerIdentity " + args);

        var error = Assert.Single(run.AllErrors);
        Assert.Equal(errorId + ",IamOps.Cmdlets.GetIamCallerIdentityCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.DoesNotContain("   at ", error.Exception.Message, StringComparison.Ordinal);
        Assert.True(error.Exception.Message.Length > 40, "the message explains what to do: " + error.Exception.Message);
        Assert.Empty(run.Output);
        Assert.Empty(_sts.Requests);
        Assert.Equal(before, Directory.GetFileSystemEntries(_temp, "*", SearchOption.AllDirectories).Order().ToArray());
    }
}

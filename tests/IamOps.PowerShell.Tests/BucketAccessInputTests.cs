using System.Management.Automation;

namespace IamOps.PowerShell.Tests;

/// <summary>
/// Grant- and Revoke-IamBucketAccess check their input before any call: no credentials exist in these runs, so an
/// attempted call would surface as CredentialsNotFound instead of the validation error asserted here.
/// </summary>
public sealed class BucketAccessInputTests
{
    private const string GrantCommand = "IamOps.Cmdlets.GrantIamBucketAccessCommand";

    public static TheoryData<string, string, ErrorCategory> BadInputs => new()
    {
        { "-UserName alice -BucketName Acme-Reports", "BucketNameInvalid", ErrorCategory.InvalidArgument },
        { "-UserName alice -BucketName acme_reports", "BucketNameInvalid", ErrorCategory.InvalidArgument },
        { "-UserName alice -BucketName 10.0.0.1", "BucketNameInvalid", ErrorCategory.InvalidArgument },
        { "-UserName alice -BucketName ('a' * 64)", "BucketNameInvalid", ErrorCategory.InvalidArgument },
        { "-UserName alice -BucketName acme-reports -Prefix 'reports/*'", "PrefixInvalid", ErrorCategory.InvalidArgument },
        { "-RoleName app -TrustService ec2 -BucketName acme-reports", "ServicePrincipalInvalid", ErrorCategory.InvalidArgument },
        { "-RoleName app -TrustService 'ec2.amazon.com' -BucketName acme-reports", "ServicePrincipalInvalid", ErrorCategory.InvalidArgument },
        { "-UserName 'alice smith' -BucketName acme-reports", "UserNameInvalid", ErrorCategory.InvalidArgument },
        { "-UserName alice -BucketName acme-reports -KmsKeyArn alias/reports", "KmsKeyArnInvalid", ErrorCategory.InvalidArgument },
        { "-UserName alice -BucketName acme-reports -Access List -AllowDelete", "ListAccessWithObjectOptions", ErrorCategory.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_error_record_with_category_and_id_and_no_call(string arguments, string errorId, ErrorCategory category)
    {
        var run = HostedPowerShell.Run("Grant-IamBucketAccess " + arguments);

        var error = Assert.Single(run.AllErrors);
        Assert.Equal(errorId + "," + GrantCommand, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.True(error.Exception.Message.Length > 40, "the message explains what to do: " + error.Exception.Message);
        Assert.Null(run.Terminating);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Piped_rows_bind_their_target_by_property_name_and_each_bad_row_is_its_own_error()
    {
        var run = HostedPowerShell.Run("""
            @(
                [pscustomobject]@{ UserName = 'bad user'; Arn = 'arn:aws:iam::111122223333:user/x'; Status = 'Created'; Groups = @('Developers') },
                [pscustomobject]@{ GroupName = 'bad group' },
                [pscustomobject]@{ RoleName = 'bad role'; BucketName = 'acme-other' }
            ) | Grant-IamBucketAccess -BucketName acme-reports
            """);

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "UserNameInvalid", "GroupNameInvalid", "RoleNameInvalid" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new object[] { "bad user", "bad group", "bad role" }, run.Errors.Select(e => e.TargetObject));
    }

    [Fact]
    public void Csv_rows_naming_a_role_or_group_with_their_bucket_bind_and_text_access_levels_are_checked()
    {
        var run = HostedPowerShell.Run("""
            @(
                [pscustomobject]@{ RoleName = 'bad role'; BucketName = 'acme-reports' },
                [pscustomobject]@{ GroupName = 'bad group'; BucketName = 'acme-reports'; Access = 'readwrite'; AllowDelete = 'true' },
                [pscustomobject]@{ UserName = 'alice'; BucketName = 'acme-reports'; Access = 'Everything' },
                [pscustomobject]@{ UserName = 'alice'; BucketName = 'acme-reports'; Access = 'List'; AllowDelete = 'yes' }
            ) | Grant-IamBucketAccess
            """);

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "RoleNameInvalid", "GroupNameInvalid", "ParameterArgumentTransformationError", "ListAccessWithObjectOptions" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains("Read, Write, ReadWrite, List", run.Errors[2].Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trust_services_belong_to_roles_only()
    {
        var run = HostedPowerShell.Run("Grant-IamBucketAccess -UserName alice -TrustService ec2.amazonaws.com -BucketName acme-reports");

        var error = Assert.Single(run.AllErrors);
        Assert.Equal("AmbiguousParameterSet,IamOps.Cmdlets.GrantIamBucketAccessCommand", error.FullyQualifiedErrorId);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Revoke_checks_the_bucket_name_and_prefix_before_any_call()
    {
        var run = HostedPowerShell.Run("Revoke-IamBucketAccess -GroupName ops -BucketName 'Ops..Bucket'; Revoke-IamBucketAccess -GroupName ops -BucketName ops-bucket -Prefix 'a?'");

        Assert.Equal(new[] { "BucketNameInvalid,IamOps.Cmdlets.RevokeIamBucketAccessCommand", "PrefixInvalid,IamOps.Cmdlets.RevokeIamBucketAccessCommand" }, run.AllErrors.Select(e => e.FullyQualifiedErrorId));
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Access_offers_four_levels_and_binds_from_text_case_insensitively()
    {
        var levels = HostedPowerShell.Run("(Get-Command Grant-IamBucketAccess).Parameters['Access'].ParameterType.GetEnumNames()");
        var bound = HostedPowerShell.Run("[pscustomobject]@{ UserName = 'alice'; BucketName = 'Bad'; Access = 'readwrite' } | Grant-IamBucketAccess");

        Assert.Equal(new[] { "Read", "Write", "ReadWrite", "List" }, levels.Output.Select(o => o.ToString()));
        Assert.Equal("BucketNameInvalid", Assert.Single(bound.AllErrors).FullyQualifiedErrorId.Split(',')[0]);
    }
}

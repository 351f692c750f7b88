using IamOps.Aws;

namespace IamOps.Tests.Aws;

/// <summary>The EC2 adapter against a local endpoint: what each call sends, how the answers and EC2's errors are read.</summary>
public sealed class Ec2AdapterTests
{
    private const string Instance = "i-0123456789abcdef0";
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static CannedResponse Ok(string action, string body) =>
        new(200, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{action}Response xmlns=\"{Namespace}\"><requestId>5e0b1d2c-example</requestId>{body}</{action}Response>");

    private static CannedResponse Error(string code, string message) =>
        new(400, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>ea966190-example</RequestID></Response>");

    private static string Association(string tag, string id, string profile, string state) =>
        $"<{tag}><associationId>{id}</associationId><instanceId>{Instance}</instanceId>"
        + $"<iamInstanceProfile><arn>arn:aws:iam::123456789012:instance-profile/{profile}</arn><id>AIPAJVQN4F5WVEXAMPLE</id></iamInstanceProfile>"
        + $"<state>{state}</state><timestamp>2026-03-01T12:00:00.000Z</timestamp></{tag}>";

    [Fact]
    public async Task GetInstanceProfileAssociation_filters_by_instance_and_returns_the_active_one()
    {
        using var server = new LocalHttpServer((_, _) => Ok("DescribeIamInstanceProfileAssociations",
            "<iamInstanceProfileAssociationSet>" + Association("item", "iip-assoc-0old", "gone", "disassociated") + Association("item", "iip-assoc-0abc", "web", "associated") + "</iamInstanceProfileAssociationSet>"));
        using var ec2 = new Ec2Adapter(AdapterConnections.For(server.Url));

        var association = await ec2.GetInstanceProfileAssociationAsync(Instance, CancellationToken.None);

        Assert.NotNull(association);
        Assert.Equal(("iip-assoc-0abc", "web", "associated", Instance), (association!.AssociationId, association.InstanceProfileName, association.State, association.InstanceId));
        Assert.Equal("AIPAJVQN4F5WVEXAMPLE", association.InstanceProfileId);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), association.Timestamp);
        var request = Assert.Single(server.Requests);
        Assert.Equal("DescribeIamInstanceProfileAssociations", request.Action);
        Assert.Equal(("instance-id", Instance), (request.Form["Filter.1.Name"], request.Form["Filter.1.Value.1"]));
        Assert.Contains("/ec2/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_association_asks_for_the_instance_and_returns_null()
    {
        using var server = new LocalHttpServer((request, _) => request.Action == "DescribeInstances"
            ? Ok("DescribeInstances", "<reservationSet/>")
            : Ok("DescribeIamInstanceProfileAssociations", "<iamInstanceProfileAssociationSet/>"));
        using var ec2 = new Ec2Adapter(AdapterConnections.For(server.Url));

        var association = await ec2.GetInstanceProfileAssociationAsync(Instance, CancellationToken.None);

        Assert.Null(association);
        Assert.Equal(new[] { "DescribeIamInstanceProfileAssociations", "DescribeInstances" }, server.Requests.Select(r => r.Action));
        Assert.Equal(Instance, server.Requests.Last().Form["InstanceId.1"]);
    }

    [Fact]
    public async Task An_unknown_instance_is_object_not_found_with_EC2s_code()
    {
        using var server = new LocalHttpServer((request, _) => request.Action == "DescribeInstances"
            ? Error("InvalidInstanceID.NotFound", $"The instance ID '{Instance}' does not exist")
            : Ok("DescribeIamInstanceProfileAssociations", "<iamInstanceProfileAssociationSet/>"));
        using var ec2 = new Ec2Adapter(AdapterConnections.For(server.Url));

        var error = await Assert.ThrowsAsync<IamOpsException>(() => ec2.GetInstanceProfileAssociationAsync(Instance, CancellationToken.None));

        Assert.Equal(("AwsInvalidInstanceID.NotFound", FailureKind.ObjectNotFound, 400), (error.ErrorId, error.Kind, error.HttpStatus));
        Assert.Contains("ec2:DescribeInstances", error.Message, StringComparison.Ordinal);
        Assert.Equal("ea966190-example", error.RequestId);
    }

    [Fact]
    public async Task Associate_names_the_profile_and_reads_the_new_association()
    {
        using var server = new LocalHttpServer((_, _) => Ok("AssociateIamInstanceProfile", Association("iamInstanceProfileAssociation", "iip-assoc-0new", "web", "associating")));
        using var ec2 = new Ec2Adapter(AdapterConnections.For(server.Url));

        var association = await ec2.AssociateInstanceProfileAsync(Instance, "web", CancellationToken.None);

        Assert.Equal(("iip-assoc-0new", "associating", "web"), (association.AssociationId, association.State, association.InstanceProfileName));
        var request = Assert.Single(server.Requests);
        Assert.Equal("AssociateIamInstanceProfile", request.Action);
        Assert.Equal((Instance, "web"), (request.Form["InstanceId"], request.Form["IamInstanceProfile.Name"]));
    }

    [Fact]
    public async Task Replace_names_the_association_and_the_profile()
    {
        using var server = new LocalHttpServer((_, _) => Ok("ReplaceIamInstanceProfileAssociation", Association("iamInstanceProfileAssociation", "iip-assoc-0rep", "batch", "associating")));
        using var ec2 = new Ec2Adapter(AdapterConnections.For(server.Url));

        var association = await ec2.ReplaceInstanceProfileAssociationAsync("iip-assoc-0abc", "batch", CancellationToken.None);

        Assert.Equal("batch", association.InstanceProfileName);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("ReplaceIamInstanceProfileAssociation", "iip-assoc-0abc", "batch"), (request.Action, request.Form["AssociationId"], request.Form["IamInstanceProfile.Name"]));
    }

    [Fact]
    public async Task An_existing_association_is_IncorrectState_and_an_unready_profile_InvalidParameterValue()
    {
        using var server = new LocalHttpServer((_, n) => n == 1
            ? Error("IncorrectState", $"There is an existing association for instance {Instance}")
            : Error("InvalidParameterValue", "Value (web) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"));
        using var ec2 = new Ec2Adapter(AdapterConnections.For(server.Url));

        var existing = await Assert.ThrowsAsync<IamOpsException>(() => ec2.AssociateInstanceProfileAsync(Instance, "web", CancellationToken.None));
        var unready = await Assert.ThrowsAsync<IamOpsException>(() => ec2.AssociateInstanceProfileAsync(Instance, "web", CancellationToken.None));

        Assert.Equal(("AwsIncorrectState", FailureKind.InvalidOperation), (existing.ErrorId, existing.Kind));
        Assert.Equal(("InvalidParameterValue", FailureKind.InvalidArgument), (unready.AwsErrorCode, unready.Kind));
        Assert.Contains("Invalid IAM Instance Profile name", unready.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.RequestCount);
    }
}

using IamOps.Aws;
using IamOps.Simulator.State;

namespace IamOps.Simulator;

// Access Advisor, as IAM runs it: a report job per request (IN_PROGRESS on its first read, COMPLETED from the next),
// listing every service the entity's permissions policies grant, each with its last use by the entity (for a group,
// its users; for a managed policy, the users, groups' users and roles it is attached to) within the tracking period,
// and for ACTION_LEVEL jobs the tracked actions of the services IAM tracks per action.
internal sealed partial class IamService
{
    internal const string ServiceLevel = "SERVICE_LEVEL";
    internal const string ActionLevel = "ACTION_LEVEL";

    /// <summary>IAM's tracking period: older use is not reported.</summary>
    private static readonly TimeSpan TrackingPeriod = TimeSpan.FromDays(400);

    /// <summary>Jobs kept; older ones are forgotten, as IAM forgets finished jobs.</summary>
    private const int JobsKept = 200;

    public string GenerateServiceLastAccessedDetails(string arn, string? granularity)
    {
        IamNameRules.CheckLength("arn", arn, 20, 2048);
        var level = granularity ?? ServiceLevel;
        if (level is not (ServiceLevel or ActionLevel))
        {
            throw ServiceError.Constraint("granularity", level, "Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]");
        }

        Entity(arn);
        var job = new LastAccessedJobState { JobId = Guid.NewGuid().ToString(), Arn = arn, Granularity = level, CreationDate = Now };
        State.LastAccessedJobs[job.JobId] = job;
        foreach (var old in State.LastAccessedJobs.Values.OrderByDescending(j => j.CreationDate).Skip(JobsKept).Select(j => j.JobId).ToList())
        {
            State.LastAccessedJobs.Remove(old);
        }

        return job.JobId;
    }

    public ServiceLastAccessedReport GetServiceLastAccessedDetails(string jobId)
    {
        IamNameRules.CheckLength("jobId", jobId, 36, 36);
        if (!State.LastAccessedJobs.TryGetValue(jobId, out var job))
        {
            throw ServiceError.NoSuchEntity($"No report job with id {jobId} exists. Use GenerateServiceLastAccessedDetails to start one.");
        }

        var report = new ServiceLastAccessedReport
        {
            JobStatus = LastAccessedJobStatus.InProgress,
            JobType = job.Granularity == ActionLevel ? AccessAdvisorGranularity.ActionLevel : AccessAdvisorGranularity.ServiceLevel,
            JobCreationDate = job.CreationDate,
        };
        if (++job.Reads == 1)
        {
            return report;
        }

        if (job.CompletionDate is null)
        {
            // The report is a snapshot of the moment the job completed, as IAM's is: later pages read the same data.
            job.CompletionDate = Now;
            try
            {
                job.Services = Services(job);
            }
            catch (ServiceError gone) when (gone.Code == "NoSuchEntity")
            {
                // The entity was deleted after the job started.
                job.Error = gone.Message;
            }
        }

        return job.Error is { } error
            ? report with { JobStatus = LastAccessedJobStatus.Failed, JobCompletionDate = job.CompletionDate, ErrorCode = "NoSuchEntity", ErrorMessage = error }
            : report with { JobStatus = LastAccessedJobStatus.Completed, JobCompletionDate = job.CompletionDate, Services = job.Services ?? new List<ServiceLastAccessed>() };
    }

    private List<ServiceLastAccessed> Services(LastAccessedJobState job)
    {
        var (documents, principals) = Entity(job.Arn);
        var since = job.CompletionDate!.Value - TrackingPeriod;
        var until = job.CompletionDate!.Value;
        bool InPeriod(DateTime time) => time >= since && time <= until;
        var services = new List<ServiceLastAccessed>();
        foreach (var granted in GrantedServices.Of(documents))
        {
            var uses = principals
                .Select(p => (p.Arn, Use: p.Used.TryGetValue(granted.Key, out var use) && InPeriod(use.LastAuthenticated) ? use : null))
                .Where(p => p.Use is not null)
                .OrderByDescending(p => p.Use!.LastAuthenticated)
                .ToList();
            var latest = uses.FirstOrDefault();
            var tracked = new List<TrackedActionLastAccessed>();
            if (job.Granularity == ActionLevel && SimulatedAccount.ActionTrackedServices.Contains(granted.Key))
            {
                var names = new SortedSet<string>(granted.Value, StringComparer.OrdinalIgnoreCase);
                names.UnionWith(uses.SelectMany(u => u.Use!.Actions.Keys));
                foreach (var name in names)
                {
                    var last = uses
                        .Select(u => (u.Arn, u.Use!.Region, Time: u.Use.Actions.TryGetValue(name, out var t) && InPeriod(t) ? t : (DateTime?)null))
                        .Where(u => u.Time is not null)
                        .OrderByDescending(u => u.Time)
                        .FirstOrDefault();
                    tracked.Add(new TrackedActionLastAccessed
                    {
                        ActionName = name,
                        LastAccessedTime = last.Time,
                        LastAccessedEntity = last.Time is null ? null : last.Arn,
                        LastAccessedRegion = last.Time is null ? null : last.Region,
                    });
                }
            }

            services.Add(new ServiceLastAccessed
            {
                ServiceNamespace = granted.Key,
                ServiceName = GrantedServices.NameOf(granted.Key),
                LastAuthenticated = latest.Use?.LastAuthenticated,
                LastAuthenticatedEntity = latest.Use is null ? null : latest.Arn,
                LastAuthenticatedRegion = latest.Use?.Region,
                TotalAuthenticatedEntities = uses.Count,
                TrackedActionsLastAccessed = tracked,
            });
        }

        return services;
    }

    /// <summary>
    /// The entity an ARN names: its permissions policy documents, and the users and roles whose use counts for it.
    /// Fails as IAM does: InvalidInput for an ARN that names no IAM entity, NoSuchEntity for one that does not exist.
    /// </summary>
    private (List<string> Documents, List<(string Arn, Dictionary<string, ServiceUseState> Used)> Principals) Entity(string arn)
    {
        var parts = arn.Split(new[] { ':' }, 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3].Length != 0)
        {
            throw ServiceError.InvalidInput($"ARN {arn} is not valid.");
        }

        var resource = parts[5];
        var slash = resource.IndexOf('/');
        var type = slash < 0 ? resource : resource.Substring(0, slash);
        var name = resource.Substring(resource.LastIndexOf('/') + 1);
        var documents = new List<string>();
        var principals = new List<(string Arn, Dictionary<string, ServiceUseState> Used)>();
        if (type == "policy")
        {
            if (DefaultPolicyDocument(arn) is not { } document)
            {
                throw ServiceError.NoSuchEntity($"Policy {arn} does not exist or is not attachable.");
            }

            documents.Add(document);
            foreach (var user in State.Users.Values.Where(u => u.AttachedPolicyArns.Contains(arn) || u.Groups.Any(g => State.Groups.TryGetValue(g, out var group) && group.AttachedPolicyArns.Contains(arn))))
            {
                principals.Add((ToUser(user, full: false).Arn, user.ServicesUsed));
            }

            principals.AddRange(State.Roles.Values.Where(r => r.AttachedPolicyArns.Contains(arn)).Select(r => (RoleArn(r), r.ServicesUsed)));
            return (documents, principals);
        }

        if (parts[4] != AccountId)
        {
            throw ServiceError.InvalidInput($"ARN {arn} is not valid.");
        }

        switch (type)
        {
            case "user" when State.Users.TryGetValue(name, out var user) && ToUser(user, full: false).Arn == arn:
                AddDocuments(documents, user.AttachedPolicyArns, user.InlinePolicies);
                foreach (var group in user.Groups.Where(State.Groups.ContainsKey).Select(g => State.Groups[g]))
                {
                    AddDocuments(documents, group.AttachedPolicyArns, group.InlinePolicies);
                }

                principals.Add((arn, user.ServicesUsed));
                break;
            case "role" when State.Roles.TryGetValue(name, out var role) && RoleArn(role) == arn:
                AddDocuments(documents, role.AttachedPolicyArns, role.InlinePolicies);
                principals.Add((arn, role.ServicesUsed));
                break;
            case "group" when State.Groups.TryGetValue(name, out var group) && ToGroup(group).Arn == arn:
                AddDocuments(documents, group.AttachedPolicyArns, group.InlinePolicies);
                principals.AddRange(State.Users.Values.Where(u => u.Groups.Contains(group.Name, StringComparer.OrdinalIgnoreCase)).Select(u => (ToUser(u, full: false).Arn, u.ServicesUsed)));
                break;
            case "user" or "role" or "group":
                throw ServiceError.NoSuchEntity($"The {type} with name {name} cannot be found.");
            default:
                throw ServiceError.InvalidInput($"ARN {arn} names no user, group, role or policy.");
        }

        return (documents, principals);
    }

    private void AddDocuments(List<string> documents, IEnumerable<string> attached, Dictionary<string, string> inline)
    {
        documents.AddRange(attached.Select(DefaultPolicyDocument).Where(d => d is not null).Select(d => d!));
        documents.AddRange(inline.Values);
    }
}

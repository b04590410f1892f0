/**
 * Where the stack's CloudWatch alarms go: one SNS topic, with an email subscription when the
 * AlarmEmail parameter is set at deploy time (`cdk deploy --parameters AlarmEmail=ops@example.com`;
 * AWS mails a confirmation link first). Left empty, the topic has no subscriber and other
 * endpoints (chat, paging) can subscribe to it without a redeploy. Every alarm in the stack sends
 * both its ALARM and its OK transition, so a recovery is reported as well as the failure.
 */
import { CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** The stack parameter naming the address alarms are mailed to (empty: no email subscription). */
export const ALARM_EMAIL_PARAMETER = 'AlarmEmail';

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'xlir alarms' });
    const email = new CfnParameter(Stack.of(this), ALARM_EMAIL_PARAMETER, {
      type: 'String',
      default: '',
      description: 'Email address for the CloudWatch alarms (empty: none; confirm the mail AWS sends)',
      // Empty or something shaped like an address: a typo fails the deploy, not the first alarm.
      allowedPattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
    });
    const wanted = new CfnCondition(this, 'EmailGiven', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });
    const subscription = new sns.CfnSubscription(this, 'Email', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    subscription.cfnOptions.condition = wanted;
  }

  /** Sends the ALARM and OK transitions of every alarm under `scope` (the stack) to the topic. */
  watch(scope: Construct): void {
    const action = new actions.SnsAction(this.topic);
    for (const node of scope.node.findAll()) {
      if (node instanceof cloudwatch.Alarm) {
        node.addAlarmAction(action);
        node.addOkAction(action);
      }
    }
  }
}

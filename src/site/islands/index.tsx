/**
 * The islands as server components render them: import client components from here, never from
 * their own files (tests/unit/site/islands.test.ts checks it), so each one reaches the browser.
 */
import * as Development from '../../development/site/DevelopmentActions'
import { FlagReview as FlagReviewView } from '../../integrity/site/FlagReview'
import * as Meetings from '../../meetings/site/MeetingActions'
import { BranchCharts as BranchChartsView } from '../../cockpit/site/BranchCharts'
import * as Notifications from '../../cockpit/site/NotificationActions'
import { RemindButton as RemindButtonView } from '../../branch/site/RemindButton'
import { PrivacyPanel as PrivacyPanelView } from '../../privacy/site/PrivacyPanel'
import { AccountSettings as AccountSettingsView } from '../AccountSettings'
import { FeedbackForm as FeedbackFormView } from '../FeedbackForm'
import { FeedbackLink as FeedbackLinkView } from '../FeedbackLink'
import { LinkBeacons as LinkBeaconsView } from '../LinkBeacons'
import { LoginForm as LoginFormView } from '../LoginForm'
import { LogoutButton as LogoutButtonView } from '../LogoutButton'
import { MeNav as MeNavView } from '../MeNav'
import { NavLinks as NavLinksView } from '../NavLinks'
import * as Passwords from '../PasswordForms'
import { PrintButton as PrintButtonView } from '../PrintButton'
import { QuizTaker as QuizTakerView } from '../QuizTaker'
import { SessionKeeper as SessionKeeperView } from '../SessionKeeper'
import { StudyTracker as StudyTrackerView } from '../StudyTracker'
import { WrongPractice as WrongPracticeView } from '../WrongPractice'
import { island } from './server'

export const DevFlash = island('DevelopmentActions', 'DevFlash', Development.DevFlash)
export const ApplyForm = island('DevelopmentActions', 'ApplyForm', Development.ApplyForm)
export const StepForm = island('DevelopmentActions', 'StepForm', Development.StepForm)
export const NoticeForm = island('DevelopmentActions', 'NoticeForm', Development.NoticeForm)
export const ObjectionForm = island('DevelopmentActions', 'ObjectionForm', Development.ObjectionForm)
export const HandleForm = island('DevelopmentActions', 'HandleForm', Development.HandleForm)
export const OpenVoteForm = island('DevelopmentActions', 'OpenVoteForm', Development.OpenVoteForm)
export const BallotForm = island('DevelopmentActions', 'BallotForm', Development.BallotForm)
export const CloseVoteButton = island('DevelopmentActions', 'CloseVoteButton', Development.CloseVoteButton)

export const FlagReview = island('FlagReview', 'FlagReview', FlagReviewView)

export const LeaveForm = island('MeetingActions', 'LeaveForm', Meetings.LeaveForm)
export const LeaveDecision = island('MeetingActions', 'LeaveDecision', Meetings.LeaveDecision)
export const MarkPresent = island('MeetingActions', 'MarkPresent', Meetings.MarkPresent)
export const PlanReview = island('MeetingActions', 'PlanReview', Meetings.PlanReview)
export const PlanBatch = island('MeetingActions', 'PlanBatch', Meetings.PlanBatch)
export const PlanForm = island('MeetingActions', 'PlanForm', Meetings.PlanForm)
export const MinutesForm = island('MeetingActions', 'MinutesForm', Meetings.MinutesForm)
export const SignInButton = island('MeetingActions', 'SignInButton', Meetings.SignInButton)
export const SignInCode = island('MeetingActions', 'SignInCode', Meetings.SignInCode)
export const DrawInspectors = island('MeetingActions', 'DrawInspectors', Meetings.DrawInspectors)
export const InspectionForm = island('MeetingActions', 'InspectionForm', Meetings.InspectionForm)
export const TalkForm = island('MeetingActions', 'TalkForm', Meetings.TalkForm)

export const BranchCharts = island('BranchCharts', 'BranchCharts', BranchChartsView)
export const MarkReadButton = island('NotificationActions', 'MarkReadButton', Notifications.MarkReadButton)
export const MarkAllReadButton = island('NotificationActions', 'MarkAllReadButton', Notifications.MarkAllReadButton)
export const RemindButton = island('RemindButton', 'RemindButton', RemindButtonView)
export const QuizTaker = island('QuizTaker', 'QuizTaker', QuizTakerView)
export const WrongPractice = island('WrongPractice', 'WrongPractice', WrongPracticeView)
export const AccountSettings = island('AccountSettings', 'AccountSettings', AccountSettingsView)
export const LoginForm = island('LoginForm', 'LoginForm', LoginFormView)
export const FeedbackForm = island('FeedbackForm', 'FeedbackForm', FeedbackFormView)
export const ForgotPasswordForm = island('PasswordForms', 'ForgotPasswordForm', Passwords.ForgotPasswordForm)
export const SetPasswordForm = island('PasswordForms', 'SetPasswordForm', Passwords.SetPasswordForm)
export const StudyTracker = island('StudyTracker', 'StudyTracker', StudyTrackerView)
export const PrivacyPanel = island('PrivacyPanel', 'PrivacyPanel', PrivacyPanelView)
export const PrintButton = island('PrintButton', 'PrintButton', PrintButtonView)

export const NavLinks = island('SiteChrome', 'NavLinks', NavLinksView)
export const MeNav = island('SiteChrome', 'MeNav', MeNavView)
export const FeedbackLink = island('SiteChrome', 'FeedbackLink', FeedbackLinkView)
export const LogoutButton = island('SiteChrome', 'LogoutButton', LogoutButtonView)
export const SessionKeeper = island('SiteChrome', 'SessionKeeper', SessionKeeperView)
export const LinkBeacons = island('SiteChrome', 'LinkBeacons', LinkBeaconsView)

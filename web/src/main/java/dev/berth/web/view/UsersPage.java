package dev.berth.web.view;

import java.util.List;

/** The admin's list of local users, with the forms to add one and to change each. */
public record UsersPage(Layout layout, List<User> users, String error) {

  /**
   * One user as listed.
   *
   * @param shares the shares field's value: the stored shares, or what the admin typed when it was refused
   * @param sharesError why the shares typed for this user were refused, or null
   */
  public record User(
      String username, boolean admin, boolean disabled, String createdAt, String shares, String sharesError) {}
}
